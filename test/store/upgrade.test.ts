import { copyFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openStore, SCHEMA_VERSION } from '../../src/store/open-store.js';
import { cliEnv, runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import { fakeZendesk, zendeskEnv } from '../zendesk/sync-harness.js';

// Databases written by released issuetracks (test/fixtures/upgrade/make-fixture.mjs says how
// to add the next one). Every one of them must open in this issuetrack with nothing lost.
const FIXTURES = fileURLToPath(new URL('../fixtures/upgrade/', import.meta.url));
const fixtures = readdirSync(FIXTURES).filter((name) => /^schema-\d+\.db$/.test(name)).sort();

type Snapshot = Record<string, { columns: string[]; rows: string[] }>;

/**
 * Every row of every table, as sorted JSON of the named columns (or of all of them). sqlite_*
 * tables are SQLite's own bookkeeping (sqlite_sequence moves when a migration inserts rows).
 */
function snapshot(db: BetterSqlite3.Database, only?: Snapshot): Snapshot {
  const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all() as string[];
  const out: Snapshot = {};
  for (const table of only ? Object.keys(only) : tables) {
    if (!tables.includes(table)) continue;
    const columns = only?.[table]?.columns ?? (db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[]);
    const list = columns.map((c) => `"${c}"`).join(', ');
    const rows = db.prepare(`SELECT ${list} FROM "${table}"`).raw().all() as unknown[][];
    out[table] = { columns, rows: rows.map((r) => JSON.stringify(r)).sort() };
  }
  return out;
}

function copyOf(name: string): string {
  const path = join(tempDir(), name);
  copyFileSync(join(FIXTURES, name), path);
  return path;
}

describe('upgrading a database written by an older issuetrack', () => {
  it('has at least one committed fixture to upgrade from', () => {
    expect(fixtures.length).toBeGreaterThan(0);
  });

  describe.each(fixtures)('%s', (name) => {
    it('holds rows in every table, so that losing any of them shows', () => {
      const db = new BetterSqlite3(join(FIXTURES, name), { readonly: true });
      try {
        const before = snapshot(db);
        expect(Object.keys(before).length).toBeGreaterThan(0);
        for (const [table, { rows }] of Object.entries(before)) expect({ table, rows: rows.length }).not.toEqual({ table, rows: 0 });
      } finally {
        db.close();
      }
    });

    it('migrates to the current schema and keeps every row of every table, column for column', async () => {
      const path = copyOf(name);
      const old = new BetterSqlite3(path, { readonly: true });
      const fixtureVersion = old.pragma('user_version', { simple: true }) as number;
      const before = snapshot(old);
      old.close();
      expect(fixtureVersion).toBeLessThanOrEqual(SCHEMA_VERSION);

      const store = openStore(path);
      try {
        expect(store.sqlite.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
        const after = snapshot(store.sqlite, before);
        expect(Object.keys(after)).toEqual(Object.keys(before)); // no table dropped or renamed
        for (const table of Object.keys(before)) expect({ table, rows: after[table]!.rows }).toEqual({ table, rows: before[table]!.rows });
        expect(store.sqlite.pragma('foreign_key_check')).toEqual([]);
        expect(store.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
      } finally {
        await store.close();
      }
    });

    it('is migrated by the installed command\'s first task: status --json then reports the current schema and the old totals', async () => {
      const path = copyOf(name);
      const old = new BetterSqlite3(path, { readonly: true });
      const tickets = old.prepare(`SELECT count(*) FROM tickets WHERE deleted = 0`).pluck().get();
      const issues = old.prepare(`SELECT count(*) FROM issues`).pluck().get();
      old.close();
      const zendesk = await fakeZendesk(); // an inbox with nothing new: the sync only migrates
      const env = cliEnv(tempDir(), zendeskEnv(zendesk));
      // status only reads: it names the older schema (78) rather than migrate it.
      expect((await runCli(['status', '--db', path], { env })).exitCode).toBe(78);
      expect((await runCli(['sync', '--db', path], { env })).exitCode).toBe(0);
      const result = await runCli(['status', '--json', '--db', path], { env });
      expect(result).toMatchObject({ exitCode: 0, stderr: '' });
      const status = JSON.parse(result.stdout);
      expect(status.schema_version).toBe(SCHEMA_VERSION);
      expect(status.totals).toMatchObject({ tickets, issues });
    });
  });
});
