import type BetterSqlite3 from 'better-sqlite3';
import type { PoolClient } from 'pg';
import { ConfigError, TaskFailedError } from '../errors.js';
import type { Reporter } from '../output/reporter.js';
import { openSqliteForReading } from '../store/open-sqlite-read.js';
import { openPostgres } from '../store/postgres/open-postgres.js';
import { pgTransaction } from '../store/postgres/pg-transaction.js';
import type { PostgresTarget } from '../store/postgres/postgres-url.js';
import { planCopy, type TableCopy } from './copy-plan.js';
import { readBatches, type RowBatch } from './read-rows.js';
import {
  clearTable,
  countRows,
  disableTriggers,
  analyzeTables,
  enableTriggers,
  insertBatch,
  lockAndCount,
  resetSequences,
  setSelfReferences,
  targetColumnTypes,
} from './write-postgres.js';

export interface CopyStoreInput {
  /** The SQLite file to copy; read only, never changed. */
  from: string;
  to: PostgresTarget;
  reporter: Reporter;
  signal: AbortSignal;
  now: () => number;
}

/** What `db copy --json` prints. `to` never holds the password. */
export interface CopyResult {
  from: string;
  to: string;
  tables: Array<{ table: string; rows: number }>;
  rows: number;
  duration_ms: number;
}

/**
 * Copies the whole SQLite store at `from` into the PostgreSQL database `to`: every table of the
 * source's schema, ids included, in one transaction, so the target gets all of it or nothing.
 * The source must have this build's schema (ConfigError 78 otherwise, with how to upgrade it);
 * the target is migrated first, as any task does, and must then be empty: ConfigError (78) when
 * it holds rows beyond what migration puts there, with nothing written. Row counts are checked
 * before the commit. Rows stream in batches: memory stays flat whatever the store's size.
 */
export async function copyStore(input: CopyStoreInput): Promise<CopyResult> {
  const started = input.now();
  const source = await openSqliteForReading(input.from, { allowMissing: false, verify: true });
  try {
    const tables = planCopy(source.sqlite);
    source.sqlite.exec('BEGIN'); // one snapshot of the source for every table (WAL: writers go on)
    try {
      const counts = new Map(tables.map((t) => [t.name, source.sqlite.prepare(`SELECT count(*) FROM "${t.name}"`).pluck().get() as number]));
      const store = await openPostgres(input.to);
      try {
        await pgTransaction(store.pool, (client) => copyTables(source.sqlite, client, tables, counts, input));
        // The copy is committed: statistics that cannot be gathered now autovacuum gathers later.
        await analyzeTables(store.pool, tables).catch((error: Error) => input.reporter.warn(`${input.to.shown}: ANALYZE after the copy failed (${error.message})`));
      } finally {
        await store.close();
      }
      const copied = tables.map((t) => ({ table: t.name, rows: counts.get(t.name)! }));
      return { from: input.from, to: input.to.shown, tables: copied, rows: copied.reduce((n, t) => n + t.rows, 0), duration_ms: input.now() - started };
    } finally {
      source.sqlite.exec('COMMIT');
    }
  } finally {
    source.close();
  }
}

async function copyTables(source: BetterSqlite3.Database, client: PoolClient, tables: TableCopy[], counts: Map<string, number>, input: CopyStoreInput) {
  const shown = input.to.shown;
  const types = await targetColumnTypes(client, tables, shown);
  refuseNonEmpty(tables, await lockAndCount(client, tables), shown);
  const disabled = await disableTriggers(client, tables);
  if (!disabled) input.reporter.warn(`${shown}: this role may not turn the tables' triggers off (it does not own them); the copy will be slower`);
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  let done = 0;
  for (const table of tables) {
    if (table.seedRows > 0 || table.derived) await clearTable(client, table);
    const held: RowBatch['selfReferences'] = [];
    for (const batch of readBatches(source, table)) {
      input.signal.throwIfAborted();
      await insertBatch(client, table, batch);
      held.push(...batch.selfReferences);
      done += batch.rows.length;
      input.reporter.progress({ phase: 'copy', done, total, message: table.name });
    }
    await setSelfReferences(client, table, types.get(table.name)!, held);
  }
  if (disabled) await enableTriggers(client, disabled);
  await resetSequences(client, tables, sqliteSequences(source));
  const copied = await countRows(client, tables);
  const wrong = tables.find((t) => copied.get(t.name) !== counts.get(t.name));
  if (wrong) {
    throw new TaskFailedError(`${wrong.name}: ${counts.get(wrong.name)} rows in the source but ${copied.get(wrong.name)} in ${shown} after copying (a trigger or default there differs?); nothing was copied`);
  }
}

function refuseNonEmpty(tables: TableCopy[], counts: Map<string, number>, shown: string): void {
  const full = tables.filter((t) => (counts.get(t.name) ?? 0) > t.seedRows);
  if (full.length === 0) return;
  const listed = full.slice(0, 3).map((t) => `${counts.get(t.name)} ${t.name}`).join(', ') + (full.length > 3 ? ', …' : '');
  throw new ConfigError(`${shown} already holds issuetrack data (${listed}): db copy only fills an empty database; nothing was written`);
}

/** AUTOINCREMENT's high-water marks: ids SQLite will never hand out again. */
function sqliteSequences(source: BetterSqlite3.Database): Map<string, number> {
  const exists = source.prepare("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'").get();
  if (!exists) return new Map();
  const rows = source.prepare('SELECT name, seq FROM sqlite_sequence').all() as Array<{ name: string; seq: number }>;
  return new Map(rows.map((r) => [r.name, r.seq]));
}
