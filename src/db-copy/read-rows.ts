import type BetterSqlite3 from 'better-sqlite3';
import { TaskFailedError } from '../errors.js';
import type { TableCopy } from './copy-plan.js';

/** A value as pg sends it: 64-bit integers as decimal text, so none loses precision on the way. */
export type CopyValue = string | number | Buffer | null;

/** Rows of one table, ready for one multi-row INSERT, and the self-references to set afterwards. */
export interface RowBatch {
  rows: CopyValue[][];
  /** The self-references held back (copied as NULL): set them once the table's rows are all in. */
  selfReferences: Array<{ column: string; key: CopyValue[]; value: CopyValue }>;
}

/** PostgreSQL accepts at most 65535 parameters per statement; big rows also cap a batch by size. */
const MAX_PARAMETERS = 30_000;
const MAX_ROWS = 1_000;
const MAX_BYTES = 8 * 1024 * 1024;

/**
 * Streams `table` from the source in primary-key order, in batches bounded by rows, parameters
 * and bytes, so a store of any size copies in constant memory. Reads 64-bit integers exactly.
 * Throws TaskFailedError for text PostgreSQL cannot hold (a NUL character), naming the row.
 * The source must run no other statement until the generator is done (better-sqlite3 holds the
 * connection while iterating).
 */
export function* readBatches(source: BetterSqlite3.Database, table: TableCopy): Generator<RowBatch> {
  const quoted = table.columns.map((c) => `"${c}"`).join(', ');
  const order = table.primaryKey.length > 0 ? table.primaryKey.map((c) => `"${c}"`).join(', ') : 'rowid';
  const statement = source.prepare(`SELECT ${quoted} FROM "${table.name}" ORDER BY ${order}`).raw(true).safeIntegers(true);
  const keyIndexes = table.primaryKey.map((c) => table.columns.indexOf(c));
  const selfIndexes = table.selfReferences.map((c) => table.columns.indexOf(c));
  const maxRows = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_PARAMETERS / table.columns.length)));
  let batch: RowBatch = { rows: [], selfReferences: [] };
  let bytes = 0;
  for (const raw of statement.iterate() as Iterable<unknown[]>) {
    const row = raw.map((value, i) => toCopyValue(value, table, table.columns[i]!, () => keyIndexes.map((k) => String(raw[k]))));
    for (const index of selfIndexes) {
      if (row[index] === null) continue;
      batch.selfReferences.push({ column: table.columns[index]!, key: keyIndexes.map((k) => row[k]!), value: row[index]! });
      row[index] = null;
    }
    batch.rows.push(row);
    bytes += row.reduce<number>((sum, v) => sum + (typeof v === 'string' ? v.length : v instanceof Buffer ? v.length : 8), 0);
    if (batch.rows.length >= maxRows || bytes >= MAX_BYTES) {
      yield batch;
      batch = { rows: [], selfReferences: [] };
      bytes = 0;
    }
  }
  if (batch.rows.length > 0) yield batch;
}

function toCopyValue(value: unknown, table: TableCopy, column: string, key: () => string[]): CopyValue {
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'string' && value.includes('\0')) {
    throw new TaskFailedError(
      `${table.name} row ${key().join('/') || '?'}: column ${column} holds a NUL character, which PostgreSQL text cannot store; nothing was copied`,
    );
  }
  return value as CopyValue;
}
