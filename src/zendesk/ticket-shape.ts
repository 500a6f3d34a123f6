import type { SkippedTicket } from '../store/sync/skipped-tickets.js';
import type { ZendeskTicket } from './zendesk-types.js';

export type ShapeCheck = { ok: true; ticket: ZendeskTicket } | { ok: false; skipped: SkippedTicket };

/**
 * Checks one ticket of an export page against the shape the store needs: a positive safe
 * integer id, a status, created_at and updated_at that are ISO 8601 times, a whole generated_timestamp,
 * and text, id and tag fields of their types (or null). Anything else is skipped with the first
 * reason found, so one broken ticket cannot fail a page or become a made-up row (a null id once
 * turned into ticket 0). Pure; never throws.
 */
export function checkTicketShape(raw: unknown): ShapeCheck {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return skip(null, `the ticket is ${kindOf(raw)}, not an object`);
  const t = raw as Record<string, unknown>;
  const id = t.id === undefined || t.id === null ? null : (JSON.stringify(t.id) ?? String(t.id)).slice(0, 64);
  const reason = idProblem(t.id) ?? firstProblem(t);
  return reason ? skip(id, reason) : { ok: true, ticket: raw as ZendeskTicket };
}

function idProblem(id: unknown): string | undefined {
  if (typeof id !== 'number') return `id is ${kindOf(id)}, not a number`;
  if (!Number.isInteger(id)) return 'id is not a whole number';
  if (!Number.isSafeInteger(id)) return 'id is too large to store exactly';
  if (id <= 0) return 'id is not positive';
  return undefined;
}

function firstProblem(t: Record<string, unknown>): string | undefined {
  if (typeof t.status !== 'string') return `status is ${kindOf(t.status)}, not text`;
  for (const key of ['created_at', 'updated_at'] as const) {
    const value = t[key];
    if (typeof value !== 'string' || !isIsoTimestamp(value)) return `${key} is ${kindOf(value)}, not an ISO 8601 time`;
  }
  if (!Number.isSafeInteger(t.generated_timestamp) || (t.generated_timestamp as number) < 0) return `generated_timestamp is ${kindOf(t.generated_timestamp)}, not a whole number of seconds`;
  for (const key of ['subject', 'description', 'priority', 'type'] as const) {
    if (t[key] != null && typeof t[key] !== 'string') return `${key} is ${kindOf(t[key])}, not text`;
  }
  for (const key of ['requester_id', 'organization_id', 'assignee_id'] as const) {
    if (t[key] != null && !Number.isSafeInteger(t[key])) return `${key} is ${kindOf(t[key])}, not a whole number`;
  }
  if (t.tags != null && (!Array.isArray(t.tags) || !t.tags.every((tag) => typeof tag === 'string'))) return 'tags is not a list of text';
  if (t.via != null && (typeof t.via !== 'object' || ((t.via as { channel?: unknown }).channel != null && typeof (t.via as { channel?: unknown }).channel !== 'string'))) {
    return 'via.channel is not text';
  }
  return undefined;
}

/**
 * An ISO 8601 date and time as Zendesk writes them ("2026-11-30T09:15:00Z", also with fractions or
 * an offset), with a real calendar day. Date.parse alone is not enough: it takes "2024" or
 * "2024-02-30T00:00:00Z", which PostgreSQL's timestamptz cast refuses (22007/22008), and that cast
 * runs over every stored ticket on each events page: one such ticket failed every later sync.
 */
const ISO_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2})(?::?(\d{2}))?)$/;

function isIsoTimestamp(value: string): boolean {
  const m = ISO_TIMESTAMP.exec(value);
  if (!m) return false;
  const [year, month, day, hour, minute, second = 0, offsetHours = 0, offsetMinutes = 0] = m.slice(1).map((part) => Number(part ?? 0));
  const daysInMonth = new Date(Date.UTC(year!, month!, 0)).getUTCDate();
  return month! >= 1 && month! <= 12 && day! >= 1 && day! <= daysInMonth && hour! <= 23 && minute! <= 59 && second <= 59 && offsetHours <= 14 && offsetMinutes <= 59;
}

function skip(id: string | null, reason: string): ShapeCheck {
  return { ok: false, skipped: { id, reason } };
}

/** "null", "a string", "an object", "a number (1.5)": what a value is, for a one-line reason. */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'missing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'number') return `a number (${String(value).slice(0, 30)})`;
  if (typeof value === 'string') return value.length <= 30 ? `the text ${JSON.stringify(value)}` : 'a long text';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
