import { knex as createKnex, type Knex } from '@mikro-orm/knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, testDatabases } from '../test/index.js';
import { knexDatabase, type SqlDatabase } from './sql-connection.js';

/**
 * The writer's statements on PostgreSQL are named prepared statements (parsed once per
 * connection). One connection here, so what the test runs beside the writer reaches the
 * writer's own server session, as a pooler's reset would. The tests run in order: the last
 * one turns named statements off for this module.
 */
describe.runIf(testDatabases().includes('postgres'))('the writer’s statements on PostgreSQL', () => {
  let db: TestDatabase;
  let knex: Knex;
  let database: SqlDatabase;

  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    knex = createKnex({ client: 'pg', connection: db.url, pool: { min: 1, max: 1 } });
    await knex.raw('create table notes (id integer primary key, body text)');
    database = knexDatabase(knex);
  });
  afterAll(async () => {
    await knex?.destroy();
    await db?.drop();
  });

  const insert = (id: number) =>
    database.transaction((sql) => sql.run('insert into notes (id, body) values (?, ?)', [id, `note ${id}`]));

  it('INSERTs are prepared once per connection under a name derived from the text, then only bound', async () => {
    await insert(1);
    await insert(2);
    // A query runs unnamed: a generic plan kept for a named one can read the whole table.
    const rows = await database.transaction((sql) =>
      sql.all<{ id: number }>('select id from notes where id in (?, ?)', [1, 2]),
    );
    expect(rows.map((row) => row.id).sort()).toEqual([1, 2]);
    const statements = await knex.raw(
      "select name, statement from pg_prepared_statements where name like 'observatory_%'",
    );
    expect(statements.rows).toEqual([
      {
        name: expect.stringMatching(/^observatory_[0-9a-f]{32}$/),
        statement: 'insert into notes (id, body) values ($1, $2)',
      },
    ]);
    expect((await knex('notes').count({ n: '*' }))[0].n).toBe('2');
  });

  it('fall back to unnamed statements once a pooler has lost them: that batch fails once, its retry is written', async () => {
    // What PgBouncer in transaction mode does between transactions (server_reset_query).
    await knex.raw('deallocate all');
    await expect(insert(3)).rejects.toMatchObject({ code: '26000' });
    await insert(3);
    await insert(4);
    expect(await knex('notes').orderBy('id').pluck('id')).toEqual([1, 2, 3, 4]);
    const named = await knex.raw(
      "select count(*)::int as n from pg_prepared_statements where name like 'observatory_%'",
    );
    expect(named.rows[0].n).toBe(0);
  });
});
