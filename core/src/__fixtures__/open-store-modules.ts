// Opens the store at argv[2] and prints whether MikroORM's migrator (or umzug, which it
// runs on) was loaded to do so: `{"migratorLoaded":false}` for a current store.
import { createRequire } from 'node:module';
import { createStore } from '../store/create-store.js';

const store = await createStore(process.argv[2]);
const loaded = Object.keys(createRequire(import.meta.url).cache);
await store.close();
console.log(
  JSON.stringify({ migratorLoaded: loaded.some((path) => /@mikro-orm[+/]migrations|[/+]umzug[@/]/.test(path)) }),
);
