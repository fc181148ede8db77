// Child process for the SQLite driver tests: prints which MikroORM driver opens `databaseUrl`
// and the calls per project it reads there, as JSON. Each SQLite library must be alone in
// its process on a file (two in one process do not see each other's POSIX locks).
import { Observatory } from '../index.js';
import { createStore } from '../store/create-store.js';

const [databaseUrl] = process.argv.slice(2);
const store = await createStore(databaseUrl);
const driver = store.orm.config.get('driver')?.name;
await store.close();
const obs = new Observatory({ databaseUrl, flushOnExit: false });
const projects: Record<string, number> = {};
for (const name of await obs.storage.getDistinctProjects()) {
  projects[name] = (await obs.storage.getOverview({ projectName: name })).totalCalls;
}
await obs.close();
process.stdout.write(`${JSON.stringify({ driver, projects })}\n`);
