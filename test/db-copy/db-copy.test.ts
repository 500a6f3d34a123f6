import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { beforeAll, expect, it, onTestFinished } from 'vitest';
import { startClaudeFake } from '../../src/sandbox/claude-server.js';
import { cliEnv, runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import { createDatabase, createPasswordRole, describePostgres, withClient } from '../helpers/postgres.js';
import { populatedStore, postgresRows, sqliteColumns, sqliteRows, sqliteTables } from './copy-fixture.js';

/** Everything of a PostgreSQL database that db copy may write: each table's rows, sorted. */
async function dumpPostgres(url: string, tables: string[], source: string): Promise<Record<string, string[]>> {
  return withClient(url, async (client) => {
    const present = (await client.query<{ tablename: string }>('SELECT tablename FROM pg_tables WHERE schemaname = current_schema()')).rows.map((r) => r.tablename);
    const dump: Record<string, string[]> = {};
    for (const table of tables.filter((t) => present.includes(t))) dump[table] = await postgresRows(client, table, sqliteColumns(source, table));
    return dump;
  });
}

describePostgres('issuetrack db copy', () => {
  let source: string;
  let home: string;
  let tables: string[];
  beforeAll(async () => {
    ({ path: source, home } = await populatedStore());
    tables = sqliteTables(source);
  }, 180_000);

  const copy = (from: string, to: string, ...more: string[]) => runCli(['db', 'copy', '--from', from, '--to', to, ...more], { env: cliEnv(home) });

  it('copies every table of the schema row for row, ids and 64-bit integers exactly', async () => {
    const empty = tables.filter((t) => sqliteRows(source, t, sqliteColumns(source, t)).length === 0);
    expect(empty, 'every table needs a row in copy-fixture.ts, or its copy goes unchecked').toEqual([]);
    const target = await createDatabase();
    const result = await copy(source, target, '--json');
    expect(result.exitCode, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary.tables.map((t: { table: string }) => t.table).sort()).toEqual(tables);
    const dump = await dumpPostgres(target, tables, source);
    for (const table of tables) expect(dump[table], table).toEqual(sqliteRows(source, table, sqliteColumns(source, table)));
    expect(summary.rows).toBe(Object.values(dump).reduce((n, rows) => n + rows.length, 0));
  });

  it('leaves the identity sequences past the copied ids, so new rows get fresh ids', async () => {
    const target = await createDatabase();
    expect((await copy(source, target)).exitCode).toBe(0);
    const ids = await withClient(target, async (client) => {
      const max = (await client.query('SELECT max(id)::bigint AS id FROM clusters')).rows[0].id;
      const next = await client.query(
        "INSERT INTO clusters (category, title, created_at, updated_at) VALUES ('bug', 'new after the copy', 'now', 'now') RETURNING id",
      );
      return { max: Number(max), next: Number(next.rows[0].id) };
    });
    expect(ids.next).toBeGreaterThan(ids.max);
  });

  it('leaves the planner statistics of every copied table, as after a restore', async () => {
    const target = await createDatabase();
    expect((await copy(source, target)).exitCode).toBe(0);
    const { rows } = await withClient(target, (client) =>
      // pg_stats, written by ANALYZE in its own transaction (the activity counters may lag).
      client.query<{ tablename: string }>('SELECT DISTINCT tablename FROM pg_stats WHERE schemaname = current_schema() AND tablename = ANY($1)', [tables]),
    );
    expect(rows.map((r) => r.tablename).sort()).toEqual(tables); // every table has a row in copy-fixture.ts
  });

  it('refuses a target that already holds data, with one line and exit 78, and changes nothing', async () => {
    const target = await createDatabase();
    expect((await copy(source, target)).exitCode).toBe(0);
    const before = await dumpPostgres(target, tables, source);
    const again = await copy(source, target);
    expect(again.exitCode).toBe(78);
    expect(again.stderr).toMatch(/^issuetrack: .*already holds issuetrack data \(\d+ \w+.*nothing was written\n$/);
    expect(again.stdout).toBe('');
    expect(await dumpPostgres(target, tables, source)).toEqual(before);
  });

  it('refuses a source of another schema version (78) and touches neither database', async () => {
    const older = join(home, 'older.db');
    copyFileSync(source, older);
    const db = new BetterSqlite3(older);
    db.pragma('user_version = 5');
    db.close();
    const target = await createDatabase();
    const result = await copy(older, target);
    expect(result.exitCode).toBe(78);
    expect(result.stderr).toMatch(/^issuetrack: database .*older\.db has schema 5 .*upgrade it.*\n$/);
    const created = await withClient(target, (client) => client.query('SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = current_schema()'));
    expect(created.rows[0].n).toBe(0);
  });

  it('never prints the password, whether the copy succeeds or is refused', async () => {
    const target = await createPasswordRole(await createDatabase(), 'S3cret-pass');
    const first = await copy(source, target, '--json', '--verbose');
    expect(first.exitCode, first.stderr).toBe(0);
    const refused = await copy(source, target);
    expect(refused.exitCode).toBe(78);
    for (const output of [first.stdout, first.stderr, refused.stdout, refused.stderr]) expect(output).not.toContain('S3cret-pass');
    expect(JSON.parse(first.stdout).to).toMatch(/^postgresql:\/\/user_\w+@127\.0\.0\.1:\d+\/test_\w+$/);
  });

  it('gives the same status totals, themes and trends on the copy as on the file', async () => {
    const target = await createDatabase();
    expect((await copy(source, target)).exitCode).toBe(0);
    const claude = await startClaudeFake({ apiKey: 'sk-ant-copy-test' }); // trends asks Claude to name themes
    onTestFinished(() => claude.close());
    const env = cliEnv(home, { ANTHROPIC_API_KEY: 'sk-ant-copy-test', ANTHROPIC_BASE_URL: claude.url });
    const onBoth = async (args: string[]) => {
      const [file, copied] = await Promise.all([source, target].map((db) => runCli([...args, '--db', db, '--json'], { env })));
      expect(file!.exitCode, file!.stderr).toBe(0);
      expect(copied!.exitCode, copied!.stderr).toBe(0);
      return [JSON.parse(file!.stdout), JSON.parse(copied!.stdout)];
    };
    const [fileStatus, copyStatus] = await onBoth(['status']);
    expect(copyStatus.totals).toEqual(fileStatus.totals);
    const [fileIssues, copyIssues] = await onBoth(['issues']);
    expect(copyIssues).toEqual(fileIssues);
    const [fileTrends, copyTrends] = await onBoth(['trends']);
    expect(copyTrends.result).toEqual(fileTrends.result);
  });
});

it('db copy wants a PostgreSQL target (64) and an SQLite source', async () => {
  const home = tempDir();
  const toFile = await runCli(['db', 'copy', '--from', 'a.db', '--to', 'b.db'], { env: cliEnv(home) });
  expect(toFile.exitCode).toBe(64);
  expect(toFile.stderr).toMatch(/^issuetrack: db copy writes to PostgreSQL: give --to postgresql:\/\/… .*\n$/);
  const fromUrl = await runCli(['db', 'copy', '--from', 'postgresql://x@localhost/db', '--to', 'postgresql://x@localhost/db'], { env: cliEnv(home) });
  expect(fromUrl.exitCode).toBe(64);
  expect(fromUrl.stderr).toMatch(/--from takes an SQLite file/);
});
