import type { Compilable } from 'kysely';
import type { Store } from './store.js';

/**
 * Every row of a Kysely select built on `store.db`, as `query.execute()` would return them. On
 * SQLite the compiled statement runs on the raw handle in better-sqlite3's array mode and the
 * rows are built here: better-sqlite3 makes each row object key by key in C++, which took about
 * half the CPU time of reading a trends run's 100k issues (bench/themes.mjs). PostgreSQL runs
 * the query as it is. Read-only unless the query writes; throws what the database throws.
 *
 * `build`, when given, makes each SQLite row from its values in the query's column order: an
 * object literal of all the columns is made in one allocation, where a row grown key by key
 * outgrows its object and gets a separate property store (at 100k issues, a third of reading
 * them went to the young generation's collections: bench/themes.mjs).
 */
export async function selectRows<R>(
  store: Store,
  query: Compilable<R> & { execute(): Promise<R[]> },
  build?: (values: readonly unknown[]) => R,
): Promise<R[]> {
  if (store.dialect !== 'sqlite') return query.execute();
  const { sql, parameters } = query.compile();
  const statement = store.sqlite.prepare(sql).raw(true);
  const names = statement.columns().map((column) => column.name);
  const values = statement.all(...parameters) as unknown[][];
  const rows = new Array<R>(values.length);
  for (let r = 0; r < values.length; r++) {
    const from = values[r]!;
    if (build) {
      rows[r] = build(from);
      continue;
    }
    const row: Record<string, unknown> = {};
    for (let c = 0; c < names.length; c++) row[names[c]!] = from[c];
    rows[r] = row as R;
  }
  return rows;
}
