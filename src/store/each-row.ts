import { CompiledQuery, type QueryResult } from 'kysely';
import { numbered } from './raw-query.js';
import type { Store } from './store.js';

/** What runs a compiled statement: a Kysely instance or an open transaction of any table map. */
export interface QueryRunner {
  executeQuery<R>(query: CompiledQuery<R>): Promise<QueryResult<R>>;
}

/**
 * Runs one portable statement (`?` placeholders, the same SQL on both databases: raw-query.ts)
 * once per row of `params`, in order, inside the transaction `trx` that the caller opened on
 * `store.db`. Resolves to the number of rows changed. Throws what the database throws (the
 * caller's transaction then rolls back).
 *
 * On SQLite the statement is prepared once on the raw handle (the one connection the transaction
 * runs on) and run per row: in-process calls, nothing compiled per row. Kysely compiles every
 * statement it runs and better-sqlite3 prepares it again: for a trends run at 100k issues, ~10k
 * small statements cost more than the writes they made (bench/themes.mjs). On PostgreSQL each row
 * is one statement on the transaction's connection, as Kysely would send it.
 */
export async function runEach(store: Store, trx: QueryRunner, sql: string, params: Iterable<readonly unknown[]>): Promise<number> {
  let changed = 0;
  if (store.dialect === 'sqlite') {
    // Outside a transaction each row would commit alone, and outside the caller's it would not roll back with it.
    if (!store.sqlite.inTransaction) throw new Error('runEach runs inside an open transaction');
    const statement = store.sqlite.prepare(sql);
    for (const row of params) changed += statement.run(...row).changes;
    return changed;
  }
  const text = numbered(sql);
  for (const row of params) changed += Number((await trx.executeQuery(CompiledQuery.raw(text, [...row]))).numAffectedRows ?? 0);
  return changed;
}

/**
 * INSERT INTO `table` (`columns`) every row of `rows` (values in `columns` order), `perStatement`
 * rows to a statement (runInBatches). Inside the caller's open transaction, as runEach. `table`
 * and `columns` are our own identifiers, never input.
 */
export async function insertEach(
  store: Store,
  trx: QueryRunner,
  table: string,
  columns: readonly string[],
  rows: ReadonlyArray<readonly unknown[]>,
  perStatement = 200,
): Promise<void> {
  const sql = (n: number) => `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${Array.from({ length: n }, () => `(${columns.map(() => '?').join(', ')})`).join(', ')}`;
  await runInBatches(store, trx, sql, rows, perStatement);
}

/**
 * Runs `sql(n)`, a statement taking the values of n rows in order, over `rows`, `perStatement`
 * rows at a time, through runEach: one prepared statement for every full batch, another for the
 * rest. Resolves to the number of rows changed. Inside the caller's open transaction, as runEach.
 */
export async function runInBatches(
  store: Store,
  trx: QueryRunner,
  sql: (rows: number) => string,
  rows: ReadonlyArray<readonly unknown[]>,
  perStatement: number,
): Promise<number> {
  const full = rows.length - (rows.length % perStatement);
  const batches: unknown[][] = [];
  for (let i = 0; i < full; i += perStatement) batches.push(flatten(rows, i, i + perStatement));
  let changed = 0;
  if (batches.length) changed += await runEach(store, trx, sql(perStatement), batches);
  if (full < rows.length) changed += await runEach(store, trx, sql(rows.length - full), [flatten(rows, full, rows.length)]);
  return changed;
}

/** rows.slice(from, to).flat(), without the slice and flat()'s generic walk (135k rows in a trends run). */
function flatten(rows: ReadonlyArray<readonly unknown[]>, from: number, to: number): unknown[] {
  const out: unknown[] = [];
  for (let r = from; r < to; r++) for (const value of rows[r]!) out.push(value);
  return out;
}
