import type { ColumnType, Generated, Kysely } from 'kysely';
import type { Database } from './schema.js';

/** Tables filled by `trends` (migration 0004, owned by src/themes/). */

/** A column with a SQL default: optional on insert. */
type Defaulted<T> = ColumnType<T, T | undefined, T>;
/** A nullable column: optional on insert (NULL). */
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

export interface ClustersTable {
  id: Generated<number>; // autoincrement; stable forever, users link to it
  category: string;
  title: string;
  title_source: Defaulted<'auto' | 'claude'>; // claude names are kept; auto titles follow the centre
  description: Nullable<string>;
  component: Nullable<string>;
  keywords: Defaulted<string>; // JSON array of the heaviest centroid terms
  merged_into: Nullable<number>; // set when a near-duplicate theme was merged into another
  issue_count: Defaulted<number>;
  ticket_count: Defaulted<number>;
  requester_count: Defaulted<number>;
  organization_count: Defaulted<number>;
  first_seen: Nullable<string>;
  last_seen: Nullable<string>;
  count_24h: Defaulted<number>;
  count_7d: Defaulted<number>;
  baseline_7d: Nullable<number>; // tickets/day over the 7 days before the last 24 h
  baseline_28d: Nullable<number>; // tickets/day over the 28 days before the last 24 h
  expected_24h: Nullable<number>; // λ of the 24-hour test (prior-shrunk)
  expected_7d: Nullable<number>; // λ of the 7-day test
  p_value_24h: Nullable<number>;
  p_value_7d: Nullable<number>;
  rising: Defaulted<number>; // 0 | 1
  rising_since: Nullable<string>; // when the current rise was first detected
  stats_at: Nullable<string>; // the `now` of the run that wrote the numbers above
  created_at: string;
  updated_at: string;
}

export interface ClusterMergesTable {
  id: Generated<number>;
  from_id: number;
  into_id: number;
  similarity: number;
  issues_moved: number;
  run_id: string | null;
  merged_at: string;
  /** Why (migration 0006): "similarity" for the local merge pass, Claude's words for a consolidation. */
  reason: Nullable<string>;
}

export interface ClusterDailyCountsTable {
  cluster_id: number;
  day: string; // YYYY-MM-DD (UTC)
  tickets: number;
}

export interface ClusterHourlyCountsTable {
  cluster_id: number;
  hour: string; // YYYY-MM-DDTHH (UTC)
  tickets: number;
}

/** The theme tables beyond `clusters`, which Database already names. */
export type ThemeTables = {
  cluster_merges: ClusterMergesTable;
  cluster_daily_counts: ClusterDailyCountsTable;
  cluster_hourly_counts: ClusterHourlyCountsTable;
};

export type ThemesDb = Kysely<Database & ThemeTables>;

/** The database seen with the theme tables too (Kysely's withTables; no runtime cost). */
export function themesDb(db: Kysely<Database>): ThemesDb {
  return db.withTables<ThemeTables>();
}
