import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import { themesDb } from '../store/schema-themes.js';
import { lastDays, listThemes, type ThemeSummary } from './theme-queries.js';

export interface SampleTicket {
  ticket_id: number;
  /** The ticket's own subject as the customer wrote it (null when Zendesk had none). */
  subject: string | null;
  /** The title of the issue extracted from this ticket. */
  title: string;
  severity: string;
  summary: string | null;
  created_at: string;
  url: string | null;
}

export interface ThemeDetail extends ThemeSummary {
  keywords: string[];
  /** When the id asked for was merged away: the id it was merged into (this detail is of that one). */
  merged_from: number | null;
  merges: Array<{ from_id: number; merged_at: string; issues_moved: number }>;
  /** Tickets per UTC day over the last 28 days, oldest first. */
  timeline: Array<{ day: string; tickets: number }>;
  samples: SampleTicket[];
}

/**
 * One theme whole, following merges (asking for a merged id shows its survivor). Returns null for
 * an id that never existed. `ticketUrl` builds the agent link of a ticket, or null without a host.
 */
export async function themeDetail(
  db: Kysely<Database>,
  id: number,
  opts: { nowMs: number; windowMs: number; ticketUrl: (ticketId: number) => string | null },
): Promise<ThemeDetail | null> {
  let row = await db.selectFrom('clusters').select(['id', 'merged_into', 'keywords']).where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const asked = row.id;
  for (let guard = 0; row?.merged_into != null && guard < 1000; guard++) {
    row = await db.selectFrom('clusters').select(['id', 'merged_into', 'keywords']).where('id', '=', row.merged_into).executeTakeFirst();
  }
  if (!row) return null;
  const summary = (await listThemes(db, { nowMs: opts.nowMs, windowMs: opts.windowMs })).find((t) => t.id === row!.id);
  const base = summary ?? (await emptySummary(db, row.id));
  const days = lastDays(opts.nowMs, 28);
  const tdb = themesDb(db);
  const daily = await tdb.selectFrom('cluster_daily_counts').select(['day', 'tickets']).where('cluster_id', '=', row.id).where('day', '>=', days[0]!).execute();
  const byDay = new Map(daily.map((d) => [d.day, d.tickets]));
  const merges = await tdb.selectFrom('cluster_merges').select(['from_id', 'merged_at', 'issues_moved']).where('into_id', '=', row.id).orderBy('id').execute();
  const samples = await db
    .selectFrom('issues as i')
    .innerJoin('tickets as t', 't.id', 'i.ticket_id')
    .select(['i.ticket_id', 't.subject', 'i.title', 'i.severity', 'i.summary', 'i.created_at'])
    .where('i.cluster_id', '=', row.id)
    .where('t.deleted', '=', 0)
    .orderBy('i.created_at', 'desc')
    .orderBy('i.id', 'desc')
    .limit(10)
    .execute();
  return {
    ...base,
    keywords: parseKeywords(row.keywords),
    merged_from: asked !== row.id ? asked : null,
    merges,
    timeline: days.map((day) => ({ day, tickets: byDay.get(day) ?? 0 })),
    samples: samples.map((s) => ({ ...s, url: opts.ticketUrl(s.ticket_id) })),
  };
}

async function emptySummary(db: Kysely<Database>, id: number): Promise<ThemeSummary> {
  const r = await db.selectFrom('clusters').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return {
    id: r.id, title: r.title, description: r.description, category: r.category, component: r.component, count: 0, expected: null,
    ticket_count: r.ticket_count, requester_count: r.requester_count, organization_count: r.organization_count,
    first_seen: r.first_seen, last_seen: r.last_seen, rising: r.rising === 1, rising_since: r.rising_since, daily_14d: [], severity: {},
  };
}

/** A theme's stored keywords (a JSON array of words); anything unreadable counts as none. Pure. */
export function parseKeywords(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

/** The agent link of a ticket: https://SUBDOMAIN.zendesk.com/agent/tickets/ID, or null without a host. */
export function zendeskTicketUrl(baseUrl: string | undefined): (ticketId: number) => string | null {
  return (ticketId) => (baseUrl ? `${baseUrl.replace(/\/+$/, '')}/agent/tickets/${ticketId}` : null);
}
