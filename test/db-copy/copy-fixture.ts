import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { afterAll, expect } from 'vitest';
import { cliEnv, runCli } from '../helpers/cli.js';

/** The tables of an SQLite store's schema, read independently of src/db-copy. */
export function sqliteTables(path: string): string[] {
  const db = new BetterSqlite3(path, { readonly: true });
  try {
    return db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name").pluck().all() as string[];
  } finally {
    db.close();
  }
}

/**
 * A store (in a folder removed after the suite) filled the way users fill one: `issuetrack demo` syncs and analyses a sample inbox
 * against the Zendesk and Claude stand-ins and groups themes. The few tables the demo leaves
 * empty get a row each here, plus values that test the copy's edges (a 64-bit id, a fraction,
 * emoji, a theme merged into a newer one); the caller checks that no table is left empty, so a
 * new table fails the test until it gets a row here too.
 */
export async function populatedStore(): Promise<{ path: string; home: string }> {
  const home = mkdtempSync(join(tmpdir(), 'issuetrack-copy-'));
  afterAll(() => rmSync(home, { recursive: true, force: true }));
  const path = join(home, 'source.db');
  const demo = await runCli(['demo', '--db', path], { env: cliEnv(home), timeoutMs: 120_000 });
  expect(demo.exitCode, demo.stderr).toBe(0);
  const db = new BetterSqlite3(path);
  try {
    const [first, last] = db.prepare('SELECT min(id), max(id) FROM clusters').raw(true).get() as [number, number];
    db.exec(`
      UPDATE clusters SET merged_into = ${last} WHERE id = ${first};
      INSERT INTO cluster_merges (from_id, into_id, similarity, issues_moved, run_id, merged_at, reason)
        VALUES (${first}, ${last}, 0.8125, 3, NULL, '2026-11-28T12:00:00.000Z', 'near duplicate ✓');
      INSERT INTO users (id, name, email, role, organization_id) VALUES (1099511627783, 'Zoë 🚀', NULL, 'end-user', 9007199254740991);
      INSERT INTO message_batches (id, status, model, prompt_version, request_count, run_id, created_at, ended_at, collected_at)
        VALUES ('msgbatch_01', 'collected', 'claude-haiku', 'v1', 1, NULL, '2026-11-28T12:00:00.000Z', '2026-11-28T12:30:00.000Z', '2026-11-28T12:31:00.000Z');
      INSERT INTO batch_items (batch_id, custom_id, ticket_id, input_hash, source_stamp, attempt, collected)
        VALUES ('msgbatch_01', 't-1', 1, 'abc', 'stamp', 0, 1);
      INSERT INTO alert_deliveries (alert_id, channel, status, attempts, updated_at)
        SELECT id, 'slack', 'sent', 1, '2026-11-28T12:00:00.000Z' FROM alert_outbox LIMIT 1;
      INSERT INTO schedules (job, cron, enabled, updated_at) VALUES ('pipeline', '30 3 * * *', 1, '2026-11-28T12:00:00.000Z');
      INSERT INTO schedule_installs (kind, installed_at, items) VALUES ('cron', '2026-11-28T12:00:00.000Z', '["line"]');
    `);
  } finally {
    db.close();
  }
  return { path, home };
}

/** JSON of a value with integers as decimal text, so SQLite's and PostgreSQL's integer types compare alike. */
function normal(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number' && Number.isInteger(value)) return String(value);
  if (Buffer.isBuffer(value)) return value.toString('hex');
  return value;
}

/** Every row of `table` in the SQLite file, as sorted JSON lines of `columns`. */
export function sqliteRows(path: string, table: string, columns: string[]): string[] {
  const db = new BetterSqlite3(path, { readonly: true });
  try {
    const rows = db.prepare(`SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM "${table}"`).raw(true).safeIntegers(true).all() as unknown[][];
    return rows.map((row) => JSON.stringify(row.map(normal))).sort();
  } finally {
    db.close();
  }
}

/** Every row of `table` in the PostgreSQL database, as sorted JSON lines of `columns`. */
export async function postgresRows(client: pg.Client, table: string, columns: string[]): Promise<string[]> {
  const { rows } = await client.query({ text: `SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM "${table}"`, rowMode: 'array' });
  return (rows as unknown[][]).map((row) => JSON.stringify(row.map(normal))).sort();
}

/** The stored columns of an SQLite table, in order. */
export function sqliteColumns(path: string, table: string): string[] {
  const db = new BetterSqlite3(path, { readonly: true });
  try {
    return db.prepare('SELECT name FROM pragma_table_xinfo(?) WHERE hidden = 0 ORDER BY cid').pluck().all(table) as string[];
  } finally {
    db.close();
  }
}
