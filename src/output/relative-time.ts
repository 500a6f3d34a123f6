import type { Terminal } from './terminal.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/**
 * An instant as a person reads it, relative to `nowMs` and in local wall-clock time:
 * "just now", "3 min ago", "5 h ago, 14:05", "Tue 12 Nov, 14:05"; ahead: "in 12 min",
 * "in 19 h, 02:00", "in 3 d, Fri 02:00". `timeZone` defaults to the process's (TZ). A text that
 * is not a date comes back unchanged; null is "-". Pure.
 */
export function relativeTime(iso: string | null | undefined, nowMs: number, timeZone?: string): string {
  if (iso == null || iso === '') return '-';
  const at = Date.parse(iso);
  if (!Number.isFinite(at)) return iso;
  const diff = at - nowMs;
  const clock = format(at, timeZone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  if (diff >= 0) {
    if (diff < MIN) return 'in <1 min';
    if (diff < HOUR) return `in ${Math.round(diff / MIN)} min`;
    if (diff < 2 * DAY) return `in ${Math.floor(diff / HOUR)} h, ${clock}`;
    return `in ${Math.floor(diff / DAY)} d, ${format(at, timeZone, { weekday: 'short' })} ${clock}`;
  }
  const ago = -diff;
  if (ago < 45_000) return 'just now';
  if (ago < HOUR) return `${Math.max(1, Math.round(ago / MIN))} min ago`;
  if (ago < DAY) return `${Math.floor(ago / HOUR)} h ago, ${clock}`;
  const sameYear = format(at, timeZone, { year: 'numeric' }) === format(nowMs, timeZone, { year: 'numeric' });
  const day = [format(at, timeZone, { weekday: 'short' }), format(at, timeZone, { day: 'numeric', month: 'short' }), sameYear ? '' : format(at, timeZone, { year: 'numeric' })];
  return `${day.filter(Boolean).join(' ')}, ${clock}`;
}

/** An instant as local date and time with its zone, for a document: "2026-11-28 13:00 CET". Pure. */
export function localDateTime(iso: string, timeZone?: string): string {
  const at = Date.parse(iso);
  if (!Number.isFinite(at)) return iso;
  const parts = Object.fromEntries(
    formatter(timeZone, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute} ${parts.timeZoneName}`;
}

/**
 * How a view writes times: relative and local for a person at a terminal, the ISO text itself
 * on a pipe, where a script may parse it.
 */
export function timeFormatter(term: Terminal, nowMs: number, timeZone?: string): (iso: string | null | undefined) => string {
  return term.stdoutIsTTY ? (iso) => relativeTime(iso, nowMs, timeZone) : (iso) => iso ?? '';
}

const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${timeZone ?? ''}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  // en-GB: 24-hour clock and day-before-month, which reads the same everywhere.
  if (!f) cache.set(key, (f = new Intl.DateTimeFormat('en-GB', { ...options, timeZone })));
  return f;
}

function format(at: number, timeZone: string | undefined, options: Intl.DateTimeFormatOptions): string {
  return formatter(timeZone, options).format(at);
}
