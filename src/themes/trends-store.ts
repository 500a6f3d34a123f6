import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../store/schema.js';
import { insertEach, runEach } from '../store/each-row.js';
import { setUnplacedIssueThemes } from '../store/issue-themes.js';
import { selectRows } from '../store/select-rows.js';
import { themesDb, type ThemeTables } from '../store/schema-themes.js';
import type { Store } from '../store/store.js';

/** Reads and writes of the trends task. Plain rows in, plain rows out; no clustering here. */

export interface IssueRow {
  id: number;
  ticket_id: number;
  title: string;
  category: string;
  component: string | null;
  severity: string;
  cluster_id: number | null;
  /** The theme Claude's answer suggested (see suggested-placement.ts); null: none. */
  suggested_cluster_id: number | null;
  created_at: string;
  requester_id: number | null;
  organization_id: number | null;
  deleted: number;
}

export interface ClusterRow {
  id: number;
  category: string;
  title: string;
  title_source: 'auto' | 'claude';
  merged_into: number | null;
  rising: number;
  rising_since: string | null;
}

/** Every issue with its ticket's customer fields, in id order. Read-only. */
export async function loadIssues(store: Store): Promise<IssueRow[]> {
  const query = store.db
    .selectFrom('issues as i')
    .innerJoin('tickets as t', 't.id', 'i.ticket_id')
    .select([
      'i.id', 'i.ticket_id', 'i.title', 'i.category', 'i.component', 'i.severity', 'i.cluster_id', 'i.suggested_cluster_id', 'i.created_at',
      't.requester_id', 't.organization_id', 't.deleted',
    ])
    .orderBy('i.id');
  return selectRows(store, query, issueRow);
}

/** One IssueRow from its values in loadIssues' column order. */
function issueRow(v: readonly unknown[]): IssueRow {
  return {
    id: v[0] as number,
    ticket_id: v[1] as number,
    title: v[2] as string,
    category: v[3] as string,
    component: v[4] as string | null,
    severity: v[5] as string,
    cluster_id: v[6] as number | null,
    suggested_cluster_id: v[7] as number | null,
    created_at: v[8] as string,
    requester_id: v[9] as number | null,
    organization_id: v[10] as number | null,
    deleted: v[11] as number,
  };
}

/** Every theme row, merged ones included, in id order. Read-only. */
export async function loadClusters(db: Kysely<Database>): Promise<ClusterRow[]> {
  return db.selectFrom('clusters').select(['id', 'category', 'title', 'title_source', 'merged_into', 'rising', 'rising_since']).orderBy('id').execute();
}

export interface NewTheme {
  key: number;
  category: string;
  title: string;
  component: string | null;
  keywords: string[];
}

export interface MergeToRecord {
  from: number;
  into: number;
  similarity: number;
  /** Why; the local merge pass leaves it out and is recorded as "similarity". */
  reason?: string;
}

export interface LabelUpdate {
  id: number;
  title: string | null; // null: keep the stored title (Claude named it)
  component: string | null;
  keywords: string[];
}

export interface PlacementWrite {
  newThemes: NewTheme[];
  /** issue id → theme key (existing id, or a NewTheme key). */
  placements: Map<number, number>;
  merges: MergeToRecord[];
  labels: LabelUpdate[];
  runId: string;
  nowIso: string;
}

/**
 * Writes one run's placements and merges in a single transaction, so a crash leaves either
 * all or none of them. New themes are inserted in key order (-1, -2, …), so their ids follow
 * the order they were opened. Only issues still unplaced are updated: a placed issue never moves
 * except through a recorded merge. Returns theme key → id.
 */
export async function writePlacements(store: Store, w: PlacementWrite): Promise<Map<number, number>> {
  return themesDb(store.db).transaction().execute(async (trx) => {
    const ids = new Map<number, number>();
    const newThemes = [...w.newThemes].sort((a, b) => b.key - a.key);
    for (const batch of chunks(newThemes, 500)) {
      const rows = await trx
        .insertInto('clusters')
        .values(batch.map((theme) => ({
          category: theme.category,
          title: theme.title,
          title_source: 'auto' as const,
          component: theme.component,
          keywords: JSON.stringify(theme.keywords),
          created_at: w.nowIso,
          updated_at: w.nowIso,
        })))
        .returning('id')
        .execute();
      // Both databases number a multi-row insert's rows in the order of its VALUES (SQLite's
      // rowid, PostgreSQL's identity sequence), though neither promises RETURNING's order: sorted,
      // the ids are the batch's in key order, as one insert per theme would have made them.
      const batchIds = rows.map((r) => r.id).sort((a, b) => a - b);
      batch.forEach((theme, i) => ids.set(theme.key, batchIds[i]!));
    }
    const idOf = (key: number) => (key > 0 ? key : ids.get(key)!);
    const placements = new Map<number, number>();
    for (const [issueId, key] of w.placements) placements.set(issueId, idOf(key));
    await setUnplacedIssueThemes(store, trx, placements);
    for (const m of w.merges) await recordMerge(trx, m, w);
    for (const label of w.labels) {
      await trx
        .updateTable('clusters')
        .set({
          ...(label.title !== null ? { title: label.title } : {}),
          component: label.component,
          keywords: JSON.stringify(label.keywords),
          updated_at: w.nowIso,
        })
        .where('id', '=', label.id)
        .execute();
    }
    return ids;
  });
}

async function recordMerge(trx: Transaction<Database & ThemeTables>, m: MergeToRecord, w: PlacementWrite): Promise<void> {
  const moved = await trx.updateTable('issues').set({ cluster_id: m.into }).where('cluster_id', '=', m.from).executeTakeFirst();
  // Themes merged into `from` earlier now point at its survivor too: one hop from any old link.
  await trx
    .updateTable('clusters')
    .set({ merged_into: m.into, rising: 0, rising_since: null, updated_at: w.nowIso })
    .where((eb) => eb.or([eb('id', '=', m.from), eb('merged_into', '=', m.from)]))
    .execute();
  await trx
    .insertInto('cluster_merges')
    .values({
      from_id: m.from,
      into_id: m.into,
      similarity: m.similarity,
      issues_moved: Number(moved.numUpdatedRows),
      run_id: w.runId,
      merged_at: w.nowIso,
      reason: m.reason ?? 'similarity',
    })
    .execute();
}

export interface StatsWrite {
  id: number;
  issue_count: number;
  ticket_count: number;
  requester_count: number;
  organization_count: number;
  first_seen: string | null;
  last_seen: string | null;
  count_24h: number;
  count_7d: number;
  baseline_7d: number | null;
  baseline_28d: number | null;
  expected_24h: number | null;
  expected_7d: number | null;
  p_value_24h: number | null;
  p_value_7d: number | null;
  rising: number;
  rising_since: string | null;
}

/** The columns writeStats sets on a theme, in the order of STATS_UPDATE's placeholders. */
const STATS_COLUMNS = [
  'issue_count', 'ticket_count', 'requester_count', 'organization_count', 'first_seen', 'last_seen', 'count_24h', 'count_7d',
  'baseline_7d', 'baseline_28d', 'expected_24h', 'expected_7d', 'p_value_24h', 'p_value_7d', 'rising', 'rising_since',
] as const satisfies ReadonlyArray<keyof StatsWrite>;
const STATS_UPDATE = `UPDATE clusters SET ${STATS_COLUMNS.map((c) => `${c} = ?`).join(', ')}, stats_at = ? WHERE id = ?`;

/**
 * Rewrites every live theme's numbers and its daily/hourly counts in one transaction. `alongside`
 * runs last inside that transaction (the alert outbox), so what it writes commits with them or not at all.
 */
export async function writeStats(
  store: Store,
  stats: StatsWrite[],
  daily: Array<{ cluster_id: number; day: string; tickets: number }>,
  hourly: Array<{ cluster_id: number; hour: string; tickets: number }>,
  nowIso: string,
  alongside?: (trx: Kysely<Database>) => Promise<void>,
): Promise<void> {
  await themesDb(store.db).transaction().execute(async (trx) => {
    await runEach(store, trx, STATS_UPDATE, stats.map((s) => [...STATS_COLUMNS.map((c) => s[c]), nowIso, s.id]));
    await trx.deleteFrom('cluster_daily_counts').execute();
    await trx.deleteFrom('cluster_hourly_counts').execute();
    await insertEach(store, trx, 'cluster_daily_counts', ['cluster_id', 'day', 'tickets'], daily.map((d) => [d.cluster_id, d.day, d.tickets]));
    await insertEach(store, trx, 'cluster_hourly_counts', ['cluster_id', 'hour', 'tickets'], hourly.map((h) => [h.cluster_id, h.hour, h.tickets]));
    // The same transaction seen with fewer tables (Kysely types are invariant in the table map).
    if (alongside) await alongside(trx as unknown as Kysely<Database>);
  });
}

/** Stores names and descriptions from Claude; they are kept by later runs. */
export async function writeNames(db: Kysely<Database>, names: Array<{ id: number; title: string; description: string }>, nowIso: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const n of names) {
      await trx
        .updateTable('clusters')
        .set({ title: n.title, description: n.description, title_source: 'claude', updated_at: nowIso })
        .where('id', '=', n.id)
        .execute();
    }
  });
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
