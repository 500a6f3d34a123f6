import type { Kysely } from 'kysely';
import { isoAt } from '../clock.js';
import type { Database } from '../store/schema.js';
import { listThemes, type ThemeSummary } from '../themes/theme-queries.js';

/** Everything a report shows, gathered once; the renderers are pure functions of it. */
export interface ReportData {
  generated_at: string;
  window_ms: number;
  /** Live themes with any ticket, and tickets in the window over all of them. */
  totals: { themes: number; tickets_in_window: number };
  top: ThemeSummary[];
  rising: ThemeSummary[];
  new_themes: ThemeSummary[];
}

export const TOP_THEMES = 10;

/** Gathers the report at `nowMs` over the last `windowMs`. Read-only. */
export async function buildReport(db: Kysely<Database>, opts: { nowMs: number; windowMs: number }): Promise<ReportData> {
  const all = await listThemes(db, { nowMs: opts.nowMs, windowMs: opts.windowMs });
  const since = isoAt(opts.nowMs - opts.windowMs);
  // Distinct tickets: one that reports two problems sits in two themes but is one ticket.
  const { tickets } = await db
    .selectFrom('issues as i')
    .innerJoin('tickets as t', 't.id', 'i.ticket_id')
    .select((eb) => eb.fn.count<number>('i.ticket_id').distinct().as('tickets'))
    .where('t.deleted', '=', 0)
    .where('i.cluster_id', 'is not', null)
    .where('i.created_at', '>', since)
    .where('i.created_at', '<=', isoAt(opts.nowMs))
    .executeTakeFirstOrThrow();
  return {
    generated_at: isoAt(opts.nowMs),
    window_ms: opts.windowMs,
    totals: { themes: all.length, tickets_in_window: Number(tickets) },
    top: all.filter((t) => t.count > 0).slice(0, TOP_THEMES),
    rising: all.filter((t) => t.rising),
    new_themes: all.filter((t) => t.first_seen !== null && t.first_seen > since).slice(0, TOP_THEMES),
  };
}
