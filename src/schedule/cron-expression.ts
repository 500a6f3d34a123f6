/**
 * Five-field cron expressions (minute hour day-of-month month day-of-week), the subset cron(5)
 * and cronie share: numbers, `*`, ranges `a-b`, steps `/n`, lists `a,b`; day-of-week 0-7 with 0
 * and 7 both Sunday. We evaluate them ourselves rather than bundle cron-parser: it brings luxon,
 * which tripled the cold start of `status` (see bench/status-cold-start.mjs).
 */
export interface CronExpression {
  minutes: Set<number>;
  hours: Set<number>;
  daysOfMonth: Set<number>;
  months: Set<number>; // 1-12
  daysOfWeek: Set<number>; // 0-6, Sunday 0
  /** cron(5): when both day fields are restricted, a day matches if either does. */
  domRestricted: boolean;
  dowRestricted: boolean;
}

const FIELDS = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12 },
  { name: 'day of week', min: 0, max: 7 },
] as const;

/** Parses an expression; throws Error with a one-line reason when it is not valid. */
export function parseCron(expression: string): CronExpression {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5) throw new Error(`cron expression needs 5 fields, got ${parts.length}: "${expression}"`);
  const sets = parts.map((part, i) => parseField(part, FIELDS[i]!));
  const dow = new Set([...sets[4]!].map((d) => d % 7));
  return {
    minutes: sets[0]!,
    hours: sets[1]!,
    daysOfMonth: sets[2]!,
    months: sets[3]!,
    daysOfWeek: dow,
    domRestricted: parts[2] !== '*',
    dowRestricted: parts[4] !== '*',
  };
}

function parseField(text: string, field: { name: string; min: number; max: number }): Set<number> {
  const out = new Set<number>();
  for (const item of text.split(',')) {
    const match = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(item);
    if (!match) throw new Error(`bad ${field.name} field "${text}"`);
    const step = match[4] ? Number(match[4]) : 1;
    let lo = field.min;
    let hi = field.max;
    if (match[1] !== '*') {
      lo = Number(match[2]);
      hi = match[3] !== undefined ? Number(match[3]) : match[4] ? field.max : lo;
    }
    if (step < 1 || lo < field.min || hi > field.max || lo > hi) throw new Error(`bad ${field.name} field "${text}"`);
    for (let v = lo; v <= hi; v += step) out.add(v);
  }
  return out;
}

/** The smallest value of `set` above `after` and at most `max`, or undefined. */
function nextIn(set: Set<number>, after: number, max: number): number | undefined {
  for (let v = after + 1; v <= max; v++) if (set.has(v)) return v;
  return undefined;
}

function dayMatches(cron: CronExpression, date: Date): boolean {
  const dom = cron.daysOfMonth.has(date.getDate());
  const dow = cron.daysOfWeek.has(date.getDay());
  if (cron.domRestricted && cron.dowRestricted) return dom || dow;
  return dom && dow;
}

/**
 * The first minute strictly after `afterMs` at which `cron` fires, in the machine's local time
 * (as cron reads it). Returns epoch milliseconds. Searches at most ~5 years, then throws (an
 * expression such as "0 0 31 2 *" never fires).
 */
export function nextFire(cron: CronExpression, afterMs: number): number {
  const date = new Date(afterMs);
  date.setSeconds(0, 0);
  date.setMinutes(date.getMinutes() + 1);
  const limit = afterMs + 5 * 366 * 86_400_000;
  while (date.getTime() <= limit) {
    if (!cron.months.has(date.getMonth() + 1)) {
      date.setMonth(date.getMonth() + 1, 1);
      date.setHours(0, 0, 0, 0);
      continue;
    }
    if (!dayMatches(cron, date)) {
      date.setDate(date.getDate() + 1);
      date.setHours(0, 0, 0, 0);
      continue;
    }
    // Hours and minutes jump straight to the next value in their set (or roll over): stepping one
    // at a time cost `status` ~1.5 ms of local-time arithmetic. Setting the wall-clock value
    // directly lands where the steps would, DST gaps and repeats included.
    const hour = date.getHours();
    if (!cron.hours.has(hour)) {
      const next = nextIn(cron.hours, hour, 23);
      if (next === undefined) date.setHours(24, 0, 0, 0);
      else date.setHours(next, 0, 0, 0);
      continue;
    }
    const minute = date.getMinutes();
    if (!cron.minutes.has(minute)) {
      const next = nextIn(cron.minutes, minute, 59);
      if (next === undefined) date.setHours(hour + 1, 0, 0, 0);
      else date.setMinutes(next, 0, 0);
      continue;
    }
    return date.getTime();
  }
  throw new Error('cron expression never fires');
}
