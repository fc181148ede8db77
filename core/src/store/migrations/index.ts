import { Migration0001InitialSchema } from './0001-initial-schema.js';

/** Every migration, in order. Listed explicitly so they run from source and from the build alike. */
export const migrations = [{ name: '0001-initial-schema', class: Migration0001InitialSchema }];
