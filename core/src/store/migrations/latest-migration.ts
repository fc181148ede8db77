/**
 * The newest migration's name: a store whose migrations table has it is current, so opening
 * it loads no migration code (the migrator and the migrations are imported only when one is
 * pending). A test holds it to the last entry of migrations/index.ts.
 */
export const LATEST_MIGRATION = '0016-one-hour-cache-writes';
