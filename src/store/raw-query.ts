import { batchedRead } from './postgres/read-batch.js';
import type { Store } from './store.js';

/*
 * Plain SQL on either database, without Kysely: for `status` and the readers it shares with
 * `serve` and `schedule` (status must start about as fast as bare node, and Kysely alone costs
 * ~20 ms to load). The SQL must mean the same on SQLite and PostgreSQL: `?` placeholders (never
 * a `?` elsewhere in the text), no boolean arithmetic (count(CASE WHEN … THEN 1 END) instead of
 * sum(x = y)), no SQLite- or PostgreSQL-only functions. 64-bit integers and sums come back as
 * numbers on both (open-postgres.ts).
 */

/**
 * Every row of `sql`. On PostgreSQL, reads issued in the same turn of the event loop share one
 * round trip (postgres/read-batch.ts): start independent reads together (Promise.all).
 */
export async function queryAll<T>(store: Store, sql: string, params: readonly unknown[] = []): Promise<T[]> {
  if (store.dialect === 'sqlite') return store.sqlite.prepare(sql).all(...params) as T[];
  return batchedRead<T>(store.pool, sql, params, numbered);
}

/** The first row of `sql`, or undefined. Batched as queryAll. */
export async function queryOne<T>(store: Store, sql: string, params: readonly unknown[] = []): Promise<T | undefined> {
  if (store.dialect === 'sqlite') return store.sqlite.prepare(sql).get(...params) as T | undefined;
  return (await batchedRead<T>(store.pool, sql, params, numbered))[0];
}

/** Runs a write; resolves to the number of rows it changed. */
export async function execute(store: Store, sql: string, params: readonly unknown[] = []): Promise<number> {
  if (store.dialect === 'sqlite') return store.sqlite.prepare(sql).run(...params).changes;
  const result = await store.pool.query(numbered(sql), params as unknown[]);
  return result.rowCount ?? 0;
}

/** PostgreSQL numbers its placeholders: the n-th `?` becomes `$n`. */
export function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** Whether the database has table `name` (in PostgreSQL's current schema). */
export async function hasTable(store: Store, name: string): Promise<boolean> {
  if (store.dialect === 'sqlite' && store.schema) return store.schema.tables.has(name);
  const sql =
    store.dialect === 'sqlite'
      ? "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"
      : 'SELECT 1 FROM pg_tables WHERE schemaname = current_schema() AND tablename = ?';
  return (await queryOne(store, sql, [name])) !== undefined;
}
