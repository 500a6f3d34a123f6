import type { Pool, PoolClient } from 'pg';
import { ConfigError, TaskFailedError } from '../errors.js';
import type { TableCopy } from './copy-plan.js';
import type { CopyValue, RowBatch } from './read-rows.js';

/*
 * The target side of `db copy`, on one pg connection inside one transaction. Raw pg rather than
 * Kysely: the table set comes from the source's schema at run time (Kysely's types know only
 * the tables of this build), and multi-row INSERTs with a few thousand parameters are the fast
 * path that Kysely would only wrap.
 */

const id = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Column types of every table in the target's schema, by table then column. Throws ConfigError
 * when a table or column of the source is missing there: the target's schema is not this
 * build's, and nothing can be copied faithfully.
 */
export async function targetColumnTypes(client: PoolClient, tables: TableCopy[], shown: string): Promise<Map<string, Map<string, string>>> {
  const { rows } = await client.query<{ table: string; column: string; type: string }>(
    `SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type
       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
      WHERE c.relnamespace = quote_ident(current_schema())::regnamespace AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped`,
  );
  const types = new Map<string, Map<string, string>>();
  for (const row of rows) types.set(row.table, (types.get(row.table) ?? new Map()).set(row.column, row.type));
  for (const table of tables) {
    const missing = table.columns.filter((c) => !types.get(table.name)?.has(c));
    if (missing.length > 0) {
      throw new ConfigError(`${shown} has no ${types.has(table.name) ? `column ${table.name}.${missing[0]}` : `table ${table.name}`}, which the source has: its schema is not this issuetrack's; nothing was copied`);
    }
  }
  return types;
}

/**
 * Locks every table against writers (readers go on) for the rest of the transaction, so that
 * nothing can write between the emptiness check and the commit; then counts their rows.
 */
export async function lockAndCount(client: PoolClient, tables: TableCopy[]): Promise<Map<string, number>> {
  await client.query(`LOCK TABLE ${tables.map((t) => id(t.name)).join(', ')} IN EXCLUSIVE MODE`);
  return countRows(client, tables);
}

/** Row counts of `tables` in the target, in one query. */
export async function countRows(client: PoolClient, tables: TableCopy[]): Promise<Map<string, number>> {
  const selects = tables.map((t, i) => `SELECT ${i} AS i, count(*)::bigint AS n FROM ${id(t.name)}`).join(' UNION ALL ');
  const { rows } = await client.query<{ i: number; n: string | number }>(selects);
  return new Map(rows.map((r) => [tables[r.i]!.name, Number(r.n)]));
}

/**
 * Turns the copied tables' own triggers off until the end of the transaction, or returns false
 * (leaving them on) when this role may not (only a table's owner may). They only keep derived
 * tables (status counters, daily rollups), which are copied from the source as they are anyway,
 * and with them on every copied row updated the same counter row once more: within one
 * transaction PostgreSQL keeps each of those versions, so the copy grew quadratic (141 s for
 * 92k rows). Foreign keys stay checked: they are system triggers, which USER leaves alone.
 */
export async function disableTriggers(client: PoolClient, tables: TableCopy[]): Promise<string[] | false> {
  const { rows } = await client.query<{ table: string }>(
    `SELECT DISTINCT c.relname AS table FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
      WHERE NOT t.tgisinternal AND c.relnamespace = quote_ident(current_schema())::regnamespace AND c.relname = ANY($1)`,
    [tables.map((t) => t.name)],
  );
  const names = rows.map((r) => r.table);
  await client.query('SAVEPOINT disable_triggers');
  try {
    for (const name of names) await client.query(`ALTER TABLE ${id(name)} DISABLE TRIGGER USER`);
  } catch {
    await client.query('ROLLBACK TO SAVEPOINT disable_triggers');
    return false;
  }
  await client.query('RELEASE SAVEPOINT disable_triggers');
  return names;
}

/** Turns back on what disableTriggers turned off (before the commit: nobody sees them off). */
export async function enableTriggers(client: PoolClient, names: string[]): Promise<void> {
  for (const name of names) await client.query(`ALTER TABLE ${id(name)} ENABLE TRIGGER USER`);
}

/** Empties a table that migration seeded or triggers filled, before the source's rows go in. */
/**
 * Gathers the planner's statistics for the copied tables, as after any bulk load (pg_restore's
 * advice): until autovacuum reaches a table, its plans are guesses. A `runs` never analyzed took
 * ~1 ms per lookup in `status` for a sort of every run of a task instead of reading its index
 * backwards (EXPLAIN ANALYZE). Tables this role does not own are skipped with a server warning.
 */
export async function analyzeTables(pool: Pool, tables: TableCopy[]): Promise<void> {
  await pool.query(`ANALYZE ${tables.map((t) => id(t.name)).join(', ')}`);
}

export async function clearTable(client: PoolClient, table: TableCopy): Promise<void> {
  await client.query(`DELETE FROM ${id(table.name)}`);
}

/** One multi-row INSERT of a batch. PostgreSQL errors become TaskFailedError naming the table. */
export async function insertBatch(client: PoolClient, table: TableCopy, batch: RowBatch): Promise<void> {
  const width = table.columns.length;
  const values = batch.rows.map((_, r) => `(${table.columns.map((_, c) => `$${r * width + c + 1}`).join(', ')})`).join(', ');
  const text = `INSERT INTO ${id(table.name)} (${table.columns.map(id).join(', ')}) VALUES ${values}`;
  await run(client, table, text, batch.rows.flat());
}

/** Sets the self-references held back while the rows went in, one UPDATE per column and batch. */
export async function setSelfReferences(client: PoolClient, table: TableCopy, types: Map<string, string>, refs: RowBatch['selfReferences']): Promise<void> {
  for (const column of table.selfReferences) {
    const mine = refs.filter((r) => r.column === column);
    for (let start = 0; start < mine.length; start += 1000) {
      const slice = mine.slice(start, start + 1000);
      const width = table.primaryKey.length + 1;
      const cast = (name: string) => `::${types.get(name)}`;
      const values = slice
        .map((_, r) => `(${[...table.primaryKey, column].map((name, c) => `$${r * width + c + 1}${cast(name)}`).join(', ')})`)
        .join(', ');
      const names = [...table.primaryKey.map((_, k) => `k${k}`), 'v'];
      const match = table.primaryKey.map((key, k) => `t.${id(key)} = s.k${k}`).join(' AND ');
      const text = `UPDATE ${id(table.name)} AS t SET ${id(column)} = s.v FROM (VALUES ${values}) AS s (${names.join(', ')}) WHERE ${match}`;
      await run(client, table, text, slice.flatMap((r) => [...r.key, r.value]));
    }
  }
}

/**
 * Moves every sequence (identity and serial columns) of the copied tables past the ids copied,
 * and past `floors` (SQLite's sqlite_sequence: AUTOINCREMENT never reuses an id, even a deleted one's).
 */
export async function resetSequences(client: PoolClient, tables: TableCopy[], floors: Map<string, number>): Promise<void> {
  const { rows } = await client.query<{ table: string; column: string; sequence: string }>(
    `SELECT c.relname AS table, a.attname AS column, pg_get_serial_sequence(quote_ident(c.relname), a.attname) AS sequence
       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
      WHERE c.relnamespace = quote_ident(current_schema())::regnamespace AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
        AND c.relname = ANY($1) AND pg_get_serial_sequence(quote_ident(c.relname), a.attname) IS NOT NULL`,
    [tables.map((t) => t.name)],
  );
  for (const row of rows) {
    const top = `GREATEST((SELECT max(${id(row.column)}) FROM ${id(row.table)}), $2::bigint)`;
    await client.query(`SELECT setval($1, COALESCE(${top}, 1), ${top} IS NOT NULL)`, [row.sequence, floors.get(row.table) ?? null]);
  }
}

async function run(client: PoolClient, table: TableCopy, text: string, params: CopyValue[]): Promise<void> {
  try {
    await client.query(text, params);
  } catch (error) {
    throw new TaskFailedError(`copying ${table.name} failed: ${(error as Error).message}; nothing was copied`, { cause: error });
  }
}
