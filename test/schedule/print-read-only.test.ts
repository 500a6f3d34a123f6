import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { cliEnv, runCli } from '../helpers/cli.js';
import { createDatabase, describePostgres, withClient } from '../helpers/postgres.js';
import { tempDir } from '../helpers/temp-dir.js';

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/*
 * `schedule --cron` and `schedule --systemd` without --install/--uninstall only print: like
 * every read-only command they never create, migrate or change a database.
 */
describe('schedule printing reads the database and never writes it', () => {
  it('leaves an existing SQLite database byte for byte as it was, and prints its schedules', async () => {
    const home = tempDir();
    const db = join(home, 'team.db');
    const env = cliEnv(home);
    expect((await runCli(['schedule', 'set', 'pipeline', '0 */6 * * *', '--db', db], { env })).exitCode).toBe(0);
    // A rollback-journal file: opening it for writing would switch it to WAL (bytes 18-19 of its header).
    const sqlite = new BetterSqlite3(db);
    sqlite.pragma('journal_mode = DELETE');
    sqlite.close();
    const before = sha256(db);
    for (const kind of ['--cron', '--systemd']) {
      const result = await runCli(['schedule', kind, '--db', db], { env });
      expect(result).toMatchObject({ exitCode: 0, stderr: '' });
      expect(result.stdout).toContain(kind === '--cron' ? '0 */6 * * * ' : 'OnCalendar=*-*-* 0/6:00:00');
    }
    expect(sha256(db)).toBe(before);
    expect(readdirSync(home).filter((name) => name.startsWith('team.db'))).toEqual(['team.db']);
  });

  it('creates no file for a mistyped --db nor on a machine without a database, and prints the default schedules', async () => {
    const home = tempDir();
    const env = cliEnv(home);
    for (const args of [['--cron', '--db', join(home, 'typo.db')], ['--systemd', '--db', join(home, 'typo.db')], ['--cron'], ['--systemd']]) {
      const result = await runCli(['schedule', ...args], { env });
      expect(result).toMatchObject({ exitCode: 0, stderr: '' });
      expect(result.stdout).toMatch(args[0] === '--cron' ? /^0 2 \* \* \* /m : /^OnCalendar=\*-\*-\* 02:00:00$/m);
    }
    expect(readdirSync(home)).toEqual([]);
    expect(existsSync(join(home, 'data'))).toBe(false);
  });
});

describePostgres('schedule printing on PostgreSQL', () => {
  it('creates and migrates nothing in an empty database, and prints the default schedules', async () => {
    const home = tempDir();
    const url = await createDatabase();
    const env = cliEnv(home, { DATABASE_URL: url });
    for (const kind of ['--cron', '--systemd']) {
      const result = await runCli(['schedule', kind], { env });
      expect(result).toMatchObject({ exitCode: 0, stderr: '' });
      expect(result.stdout).toMatch(kind === '--cron' ? /^0 2 \* \* \* /m : /^OnCalendar=\*-\*-\* 02:00:00$/m);
    }
    const tables = await withClient(url, (client) => client.query("SELECT table_name FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')"));
    expect(tables.rows).toEqual([]);
    expect(readdirSync(home)).toEqual([]);
  });
});
