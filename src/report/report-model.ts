import type { Kysely } from 'kysely';
import { isoAt } from '../clock.js';
import type { Database } from '../store/schema.js';
import { lastDays, listThemes, type ThemeSummary } from '../themes/theme-queries.js';
import { reportSamples, type ReportSample } from './report-samples.js';

/** Everything a report shows, gathered once; the renderers are pure functions of it. */
export interface ReportData {
  generated_at: string;
  window_ms: number;
  /** Themes with a ticket in the window, and distinct tickets in the window over all of them. */
  totals: { themes: number; tickets_in_window: number };
  /** The UTC days of each theme's `daily_14d`, oldest first (the axis of its chart). */
  days: string[];
  /** The largest themes in the window, for the chart. */
  top: ThemeSummary[];
  /** Every theme with a ticket in the window, most tickets first, up to MAX_LISTED. */
  themes: ThemeSummary[];
  /** Themes in the window that are not in `themes` (over MAX_LISTED). */
  more: number;
  rising: ThemeSummary[];
  new_themes: ThemeSummary[];
  /** The newest tickets of each listed theme, with their Zendesk links when the host is known. */
  samples: Record<number, ReportSample[]>;
}

export const TOP_THEMES = 10;
/** A mailed report stays readable: past this many themes it says how many more and how to list them. */
export const MAX_LISTED = 100;
const SAMPLES_PER_THEME = 5;

/** Gathers the report at `nowMs` over the last `windowMs`. Read-only. */
export async function buildReport(
  db: Kysely<Database>,
  opts: { nowMs: number; windowMs: number; ticketUrl?: (ticketId: number) => string | null },
): Promise<ReportData> {
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
  const inWindow = all.filter((t) => t.count > 0);
  const themes = inWindow.slice(0, MAX_LISTED);
  const samples = await reportSamples(db, { fromMs: opts.nowMs - opts.windowMs, toMs: opts.nowMs, perTheme: SAMPLES_PER_THEME, ticketUrl: opts.ticketUrl ?? (() => null) });
  return {
    generated_at: isoAt(opts.nowMs),
    window_ms: opts.windowMs,
    totals: { themes: inWindow.length, tickets_in_window: Number(tickets) },
    days: lastDays(opts.nowMs, 14),
    top: inWindow.slice(0, TOP_THEMES),
    themes,
    more: inWindow.length - themes.length,
    rising: all.filter((t) => t.rising),
    new_themes: all.filter((t) => t.first_seen !== null && t.first_seen > since),
    samples: Object.fromEntries(themes.map((t) => [t.id, samples.get(t.id) ?? []])),
  };
}
