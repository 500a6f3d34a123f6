import type { Kysely } from 'kysely';
import { redactText } from '../analysis/redact.js';
import { sparkline } from '../report/sparkline.js';
import type { Database } from '../store/schema.js';
import { themesDb } from '../store/schema-themes.js';
import { zendeskTicketUrl } from '../themes/theme-detail.js';
import { lastDays } from '../themes/theme-queries.js';
import type { ThemePayload } from './alert-payload.js';
import { oneLine } from './plain-text.js';

const SAMPLE_TICKETS = 5;

export interface SnapshotInput {
  themeId: number;
  customers24h: number;
  previousCount24h: number | null;
  nowMs: number;
  publicUrl?: string;
  zendeskBaseUrl?: string;
}

/**
 * What an alert says about a theme, read through `db` (inside the stats transaction, so it sees the
 * numbers about to commit). Ticket subjects are redacted with the requester's known name and email
 * and flattened to one line: they leave the machine. Read-only.
 */
export async function themeSnapshot(db: Kysely<Database>, input: SnapshotInput): Promise<ThemePayload> {
  const c = await db
    .selectFrom('clusters')
    .select(['id', 'title', 'category', 'component', 'count_24h', 'count_7d', 'expected_24h', 'rising', 'rising_since', 'first_seen'])
    .where('id', '=', input.themeId)
    .executeTakeFirstOrThrow();
  const days = lastDays(input.nowMs, 14);
  const daily = await themesDb(db)
    .selectFrom('cluster_daily_counts')
    .select(['day', 'tickets'])
    .where('cluster_id', '=', c.id)
    .where('day', '>=', days[0]!)
    .execute();
  const byDay = new Map(daily.map((d) => [d.day, d.tickets]));
  const counts = days.map((d) => byDay.get(d) ?? 0);
  const tickets = await db
    .selectFrom('issues as i')
    .innerJoin('tickets as t', 't.id', 'i.ticket_id')
    .leftJoin('users as u', 'u.id', 't.requester_id')
    .select(['t.id', 't.subject', 'u.name', 'u.email'])
    .where('i.cluster_id', '=', c.id)
    .where('t.deleted', '=', 0)
    // The requester's columns too: PostgreSQL, unlike SQLite, wants every selected column that
    // does not depend on the grouped key (t.id) grouped (a ticket has one requester anyway).
    .groupBy(['t.id', 'u.name', 'u.email'])
    .orderBy('t.created_at', 'desc')
    .orderBy('t.id', 'desc')
    .limit(SAMPLE_TICKETS)
    .execute();
  const ticketUrl = zendeskTicketUrl(input.zendeskBaseUrl);
  return {
    id: c.id,
    title: oneLine(c.title, 150),
    category: c.category,
    component: c.component === null ? null : oneLine(c.component, 80),
    count_24h: c.count_24h,
    expected_24h: c.expected_24h,
    previous_count_24h: input.previousCount24h,
    count_7d: c.count_7d,
    customers_24h: input.customers24h,
    rising: c.rising === 1,
    rising_since: c.rising_since,
    first_seen: c.first_seen,
    daily_14d: counts,
    sparkline: sparkline(counts),
    url: input.publicUrl ? `${input.publicUrl}/api/issues/${c.id}` : null,
    tickets: tickets.map((t) => ({
      id: t.id,
      subject: oneLine(redactText(t.subject ?? '', [{ name: t.name, email: t.email }]), 150),
      url: ticketUrl(t.id),
    })),
  };
}
