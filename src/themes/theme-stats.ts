/**
 * Per-theme counts from plain rows: tickets per UTC day and hour, distinct requesters and
 * organisations, first/last seen, and the window and baseline counts that rising detection needs.
 * Pure; `nowMs` and `dataStartMs` are parameters. Counts are of distinct tickets, not issues:
 * one ticket naming a problem twice is still one customer contact.
 */

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
/** Hourly counts are kept for this long; daily counts for ever. */
export const HOURLY_KEEP_MS = 35 * DAY_MS;

export interface ThemeEvent {
  themeId: number;
  ticketId: number;
  atMs: number;
  requesterId: number | null;
  organizationId: number | null;
  severity: string;
}

/** Events observed over an interval of `exposureDays` (≤ the interval when the data starts later). */
export interface Observed {
  count: number;
  exposureDays: number;
}

export interface ThemeStats {
  themeId: number;
  issues: number;
  tickets: number;
  requesters: number;
  organizations: number;
  firstSeenMs: number;
  lastSeenMs: number;
  /** Tickets per UTC day, "YYYY-MM-DD". */
  daily: Map<string, number>;
  /** Tickets per UTC hour, "YYYY-MM-DDTHH", for the last 35 days. */
  hourly: Map<string, number>;
  count24h: number;
  count7d: number;
  customers24h: number;
  customers7d: number;
  /** The 7 and 28 days before the last 24 h: the baselines of the 24-hour test. */
  before24hWeek: Observed;
  before24hMonth: Observed;
  /** The 28 days before the last 7 days: the baseline of the 7-day test. */
  before7dMonth: Observed;
}

/** One customer: the organisation when known, else the requester, else the ticket itself. */
export function customerKey(e: Pick<ThemeEvent, 'organizationId' | 'requesterId' | 'ticketId'>): string {
  if (e.organizationId != null) return `o${e.organizationId}`;
  if (e.requesterId != null) return `r${e.requesterId}`;
  return `t${e.ticketId}`;
}

/**
 * Aggregates `events` by theme. Events after `nowMs` are ignored. `dataStartMs` is when the data
 * begins (the oldest ticket): time before it is not counted as exposure, so a fresh database does
 * not read as weeks of silence.
 */
export function computeThemeStats(events: readonly ThemeEvent[], nowMs: number, dataStartMs: number): Map<number, ThemeStats> {
  const byTheme = new Map<number, ThemeEvent[]>();
  for (const e of events) {
    if (e.atMs > nowMs) continue;
    let list = byTheme.get(e.themeId);
    if (!list) byTheme.set(e.themeId, (list = []));
    list.push(e);
  }
  const out = new Map<number, ThemeStats>();
  const hours = new Map<number, { day: string; hour: string }>();
  for (const [themeId, list] of byTheme) out.set(themeId, statsOf(themeId, list, nowMs, dataStartMs, hours));
  return out;
}

function statsOf(themeId: number, events: ThemeEvent[], nowMs: number, dataStartMs: number, hours: Map<number, { day: string; hour: string }>): ThemeStats {
  const tickets = new Map<number, ThemeEvent>();
  for (const e of events) {
    const seen = tickets.get(e.ticketId);
    if (!seen || e.atMs < seen.atMs) tickets.set(e.ticketId, e);
  }
  const requesters = new Set<number>();
  const organizations = new Set<number>();
  // Tickets per UTC hour number, all and those kept hourly, in order of first appearance; named
  // as days and hours below (a string key per ticket cost more than the counting).
  const perHour = new Map<number, number>();
  const keptPerHour = new Map<number, number>();
  const customers24h = new Set<string>();
  const customers7d = new Set<string>();
  let first = Infinity;
  let last = -Infinity;
  let count24h = 0;
  let count7d = 0;
  const start24 = nowMs - DAY_MS;
  const start7 = nowMs - 7 * DAY_MS;
  const counts = { w24: 0, m24: 0, m7: 0 };
  for (const e of tickets.values()) {
    if (e.requesterId != null) requesters.add(e.requesterId);
    if (e.organizationId != null) organizations.add(e.organizationId);
    first = Math.min(first, e.atMs);
    last = Math.max(last, e.atMs);
    const h = Math.floor(e.atMs / HOUR_MS);
    perHour.set(h, (perHour.get(h) ?? 0) + 1);
    if (e.atMs > nowMs - HOURLY_KEEP_MS) keptPerHour.set(h, (keptPerHour.get(h) ?? 0) + 1);
    if (e.atMs > start24) {
      count24h++;
      customers24h.add(customerKey(e));
    } else {
      if (e.atMs > start24 - 7 * DAY_MS) counts.w24++;
      if (e.atMs > start24 - 28 * DAY_MS) counts.m24++;
    }
    if (e.atMs > start7) {
      count7d++;
      customers7d.add(customerKey(e));
    } else if (e.atMs > start7 - 28 * DAY_MS) {
      counts.m7++;
    }
  }
  // A day first appears with the first hour of it that appears, so days keep the tickets' order.
  const daily = new Map<string, number>();
  for (const [h, n] of perHour) {
    const { day } = utcKeys(h, hours);
    daily.set(day, (daily.get(day) ?? 0) + n);
  }
  const hourly = new Map<string, number>();
  for (const [h, n] of keptPerHour) hourly.set(utcKeys(h, hours).hour, n);
  // Exposure starts when both the data and the theme exist: a theme born yesterday has no
  // month of zeros behind it, and the Gamma prior fills in what its short history cannot say.
  const origin = Math.max(dataStartMs, first);
  const exposure = (end: number, days: number) => Math.min(days, Math.max(0, (end - origin) / DAY_MS));
  return {
    themeId,
    issues: events.length,
    tickets: tickets.size,
    requesters: requesters.size,
    organizations: organizations.size,
    firstSeenMs: first,
    lastSeenMs: last,
    daily,
    hourly,
    count24h,
    count7d,
    customers24h: customers24h.size,
    customers7d: customers7d.size,
    before24hWeek: { count: counts.w24, exposureDays: exposure(start24, 7) },
    before24hMonth: { count: counts.m24, exposureDays: exposure(start24, 28) },
    before7dMonth: { count: counts.m7, exposureDays: exposure(start7, 28) },
  };
}

/**
 * "YYYY-MM-DD" and "YYYY-MM-DDTHH" (UTC) of hour number `h` (ms / HOUR_MS, floored), formatted once
 * per hour in `hours`: a 100k-issue run formatted a date per ticket.
 */
function utcKeys(h: number, hours: Map<number, { day: string; hour: string }>): { day: string; hour: string } {
  let keys = hours.get(h);
  if (!keys) {
    const iso = new Date(h * HOUR_MS).toISOString();
    hours.set(h, (keys = { day: iso.slice(0, 10), hour: iso.slice(0, 13) }));
  }
  return keys;
}
