/**
 * The statements that create a SQLite store's schema, in creation order, as SQLite keeps
 * them: without SQLite's own tables and the tables an FTS5 table creates for itself.
 */
export async function readSqliteSchema(all: (sql: string) => Promise<unknown>): Promise<string[]> {
  const rows = (await all(
    "select name, sql from sqlite_master where sql is not null and name not like 'sqlite_%' order by rowid",
  )) as Array<{ name: string; sql: string }>;
  const virtualTables = rows.filter((row) => /^create virtual table/i.test(row.sql)).map((row) => row.name);
  return rows.filter((row) => !virtualTables.some((table) => row.name.startsWith(`${table}_`))).map((row) => row.sql);
}
