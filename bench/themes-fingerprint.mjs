// What a trends run leaves in an SQLite file, as one hash: every issue's theme, every theme row
// (ids, labels, numbers, rising state), the recorded merges (not their run ids, which are random)
// and the daily and hourly counts. Two runs over the same input and clock that print the same
// fingerprint made the same themes. Used by bench/themes.mjs --reference.
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';

const QUERIES = [
  'SELECT id, cluster_id FROM issues ORDER BY id',
  'SELECT * FROM clusters ORDER BY id',
  'SELECT id, from_id, into_id, similarity, issues_moved, merged_at, reason FROM cluster_merges ORDER BY id',
  'SELECT cluster_id, day, tickets FROM cluster_daily_counts ORDER BY cluster_id, day',
  'SELECT cluster_id, hour, tickets FROM cluster_hourly_counts ORDER BY cluster_id, hour',
];

/** sha256 over the rows of QUERIES, read in a fixed order. Read-only. */
export function databaseFingerprint(path) {
  const db = new Database(path, { readonly: true });
  try {
    const hash = createHash('sha256');
    for (const sql of QUERIES) {
      hash.update(sql);
      for (const row of db.prepare(sql).raw().iterate()) hash.update(JSON.stringify(row));
    }
    return hash.digest('hex');
  } finally {
    db.close();
  }
}
