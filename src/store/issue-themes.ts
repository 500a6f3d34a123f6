import { CompiledQuery } from 'kysely';
import { runInBatches, type QueryRunner } from './each-row.js';
import type { Store } from './store.js';

const PG_CHUNK = 10_000;
const SQLITE_BATCH = 500;

/**
 * Puts each issue of `placements` (issue id → theme id) into its theme, if it is in none yet: a
 * placed issue never moves here (merges move issues, through their own recorded path). Runs inside
 * the transaction `trx` the caller opened on `store.db`; resolves to the number of issues placed.
 *
 * SQLite: one prepared UPDATE … FROM (VALUES …) per 500 issues, in id order (the table and its
 * pages are then walked once). 100k single-row UPDATEs took a third more CPU: the per-call work
 * weighed beside SQLite's own row and index writes (bench/themes.mjs). PostgreSQL: one UPDATE …
 * FROM unnest(ids, themes) per 10k issues, since a round trip per issue would cost a network hop each.
 */
export async function setUnplacedIssueThemes(store: Store, trx: QueryRunner, placements: ReadonlyMap<number, number>): Promise<number> {
  const pairs = [...placements].sort((a, b) => a[0] - b[0]);
  if (store.dialect === 'sqlite') {
    return runInBatches(store, trx, sqliteUpdate, pairs, SQLITE_BATCH);
  }
  let placed = 0;
  for (let i = 0; i < pairs.length; i += PG_CHUNK) {
    const chunk = pairs.slice(i, i + PG_CHUNK);
    const result = await trx.executeQuery(
      CompiledQuery.raw(
        `UPDATE issues SET cluster_id = v.cluster_id FROM unnest($1::bigint[], $2::bigint[]) AS v(id, cluster_id)
         WHERE issues.id = v.id AND issues.cluster_id IS NULL`,
        [chunk.map(([issue]) => issue), chunk.map(([, theme]) => theme)],
      ),
    );
    placed += Number(result.numAffectedRows ?? 0);
  }
  return placed;
}

/** The SQLite UPDATE for `n` (issue id, theme id) pairs; VALUES names its columns column1, column2. */
function sqliteUpdate(n: number): string {
  return `UPDATE issues SET cluster_id = v.column2 FROM (VALUES ${Array.from({ length: n }, () => '(?, ?)').join(', ')}) AS v
    WHERE issues.id = v.column1 AND issues.cluster_id IS NULL`;
}
