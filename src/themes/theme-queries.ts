import { sql, type Kysely } from 'kysely';
import { isoAt } from '../clock.js';
import type { Database } from '../store/schema.js';
import { themesDb } from '../store/schema-themes.js';
import { DAY_MS } from './theme-stats.js';

/** Read-only queries behind `issues`, `issues show` and `report`. Numbers come from the last trends run. */

/** Days of history before a window that its "change" compares against. */
const BASELINE_DAYS = 28;

export interface ThemeSummary {
  id: number;
  title: string;
  description: string | null;
  category: string;
  component: string | null;
  /** Distinct tickets in the window. */
  count: number;
  /**
   * Tickets the theme's rate over the 28 days before the window predicts for a window this long
   * (history counted from the theme's first ticket); null with less than a day of history.
   */
  expected: number | null;
  ticket_count: number;
  requester_count: number;
  organization_count: number;
  first_seen: string | null;
  last_seen: string | null;
  rising: boolean;
  rising_since: string | null;
  /** Tickets per UTC day, oldest first, ending today. */
  daily_14d: number[];
  /** Issues per severity in the window. */
  severity: Record<string, number>;
}

export interface ListOptions {
  nowMs: number;
  windowMs: number;
  category?: string;
  risingOnly?: boolean;
  limit?: number;
}

/**
 * Live themes with at least one ticket, most tickets in the window first (then most tickets
 * overall, then oldest id). Never throws for empty databases: returns [].
 */
export async function listThemes(db: Kysely<Database>, opts: ListOptions): Promise<ThemeSummary[]> {
  let query = db
    .selectFrom('clusters')
    .selectAll()
    .where('merged_into', 'is', null)
    .where('ticket_count', '>', 0);
  if (opts.category) query = query.where('category', '=', opts.category);
  if (opts.risingOnly) query = query.where('rising', '=', 1);
  const rows = await query.execute();
  if (rows.length === 0) return [];
  const from = isoAt(opts.nowMs - opts.windowMs);
  const to = isoAt(opts.nowMs);
  const counts = await sql<{ cluster_id: number; severity: string; issues: number; tickets: number }>`
    SELECT i.cluster_id, i.severity, count(*) AS issues, count(DISTINCT i.ticket_id) AS tickets
    FROM issues i JOIN tickets t ON t.id = i.ticket_id
    WHERE t.deleted = 0 AND i.cluster_id IS NOT NULL AND i.created_at > ${from} AND i.created_at <= ${to}
    GROUP BY i.cluster_id, i.severity`.execute(db);
  const windowTickets = await sql<{ cluster_id: number; tickets: number }>`
    SELECT i.cluster_id, count(DISTINCT i.ticket_id) AS tickets
    FROM issues i JOIN tickets t ON t.id = i.ticket_id
    WHERE t.deleted = 0 AND i.cluster_id IS NOT NULL AND i.created_at > ${from} AND i.created_at <= ${to}
    GROUP BY i.cluster_id`.execute(db);
  const countOf = new Map(windowTickets.rows.map((r) => [r.cluster_id, Number(r.tickets)]));
  // The baseline is the time before the window, never the window itself: comparing a window
  // with a rate that includes it would hide the very change it is meant to show.
  const windowStartMs = opts.nowMs - opts.windowMs;
  const baselineFromMs = windowStartMs - BASELINE_DAYS * DAY_MS;
  const baselineTickets = await sql<{ cluster_id: number; tickets: number }>`
    SELECT i.cluster_id, count(DISTINCT i.ticket_id) AS tickets
    FROM issues i JOIN tickets t ON t.id = i.ticket_id
    WHERE t.deleted = 0 AND i.cluster_id IS NOT NULL AND i.created_at > ${isoAt(baselineFromMs)} AND i.created_at <= ${from}
    GROUP BY i.cluster_id`.execute(db);
  const baselineOf = new Map(baselineTickets.rows.map((r) => [r.cluster_id, Number(r.tickets)]));
  const expectedOf = (id: number, firstSeen: string | null): number | null => {
    if (!firstSeen) return null;
    const historyDays = (windowStartMs - Math.max(baselineFromMs, Date.parse(firstSeen))) / DAY_MS;
    if (!(historyDays >= 1)) return null;
    return Math.round(((baselineOf.get(id) ?? 0) / historyDays) * (opts.windowMs / DAY_MS) * 100) / 100;
  };
  const severityOf = new Map<number, Record<string, number>>();
  for (const r of counts.rows) {
    const mix = severityOf.get(r.cluster_id) ?? {};
    mix[r.severity] = Number(r.issues);
    severityOf.set(r.cluster_id, mix);
  }
  const days = lastDays(opts.nowMs, 14);
  const daily = await themesDb(db).selectFrom('cluster_daily_counts').select(['cluster_id', 'day', 'tickets']).where('day', '>=', days[0]!).execute();
  const dailyOf = new Map<number, Map<string, number>>();
  for (const d of daily) {
    let m = dailyOf.get(d.cluster_id);
    if (!m) dailyOf.set(d.cluster_id, (m = new Map()));
    m.set(d.day, d.tickets);
  }
  const out: ThemeSummary[] = rows.map((r) => ({
    id: r.id,
    title: r.title,
    description: r.description,
    category: r.category,
    component: r.component,
    count: countOf.get(r.id) ?? 0,
    expected: expectedOf(r.id, r.first_seen),
    ticket_count: r.ticket_count,
    requester_count: r.requester_count,
    organization_count: r.organization_count,
    first_seen: r.first_seen,
    last_seen: r.last_seen,
    rising: r.rising === 1,
    rising_since: r.rising_since,
    daily_14d: days.map((day) => dailyOf.get(r.id)?.get(day) ?? 0),
    severity: severityOf.get(r.id) ?? {},
  }));
  out.sort((a, b) => b.count - a.count || b.ticket_count - a.ticket_count || a.id - b.id);
  return opts.limit ? out.slice(0, opts.limit) : out;
}

/** The `n` UTC days ending with the day of `nowMs`, oldest first, as YYYY-MM-DD. */
export function lastDays(nowMs: number, n: number): string[] {
  const today = Math.floor(nowMs / DAY_MS) * DAY_MS;
  return Array.from({ length: n }, (_, i) => isoAt(today - (n - 1 - i) * DAY_MS).slice(0, 10));
}
