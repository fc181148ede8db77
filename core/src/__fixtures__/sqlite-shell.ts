// A second process on a SQLite file, as another app or a `sqlite3` shell would be: runs each
// line of stdin as SQL and answers "ok" or "error: …" on stdout.
import { createInterface } from 'node:readline';
import Database from 'libsql';

const db = new Database(process.argv[2]);
db.exec('pragma busy_timeout = 10000');
for await (const line of createInterface({ input: process.stdin })) {
  try {
    db.exec(line);
    process.stdout.write('ok\n');
  } catch (error) {
    process.stdout.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  }
}
db.close();
