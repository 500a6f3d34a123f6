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

/*
 * Parsed without regular expressions: `status` parses every job's expression, and the first
 * run of each regular expression in a process (compiled then) cost it ~0.1 ms in all.
 * test/schedule/cron-expression.test.ts holds the two to the same answers.
 */

/** Parses an expression; throws Error with a one-line reason when it is not valid. */
export function parseCron(expression: string): CronExpression {
  const parts = cronFields(expression);
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

/** `expression.trim().split(/\s+/)`: the fields between runs of white space (JavaScript's \s). */
export function cronFields(expression: string): string[] {
  const fields: string[] = [];
  let start = -1;
  for (let i = 0; i <= expression.length; i++) {
    if (i === expression.length || isSpace(expression.charCodeAt(i))) {
      if (start >= 0) fields.push(expression.slice(start, i));
      start = -1;
    } else if (start < 0) start = i;
  }
  return fields.length ? fields : ['']; // as split gives for nothing but white space
}

/** JavaScript's \s: WhiteSpace and LineTerminator (ECMA-262), as trim() reads them too. */
function isSpace(c: number): boolean {
  return (
    (c >= 0x09 && c <= 0x0d) || c === 0x20 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/**
 * One item of a field, as /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/ reads it: `*` or `a` or `a-b`,
 * then optionally `/n` (ASCII digits); undefined when it is none of these.
 */
export function cronItem(item: string): { star: boolean; lo?: string; hi?: string; step?: string } | undefined {
  const slash = item.indexOf('/');
  const base = slash < 0 ? item : item.slice(0, slash);
  const step = slash < 0 ? undefined : item.slice(slash + 1);
  if (step !== undefined && !isDigits(step)) return undefined;
  if (base === '*') return { star: true, step };
  const dash = base.indexOf('-');
  const lo = dash < 0 ? base : base.slice(0, dash);
  const hi = dash < 0 ? undefined : base.slice(dash + 1);
  if (!isDigits(lo) || (hi !== undefined && !isDigits(hi))) return undefined;
  return { star: false, lo, hi, step };
}

function isDigits(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function parseField(text: string, field: { name: string; min: number; max: number }): Set<number> {
  const out = new Set<number>();
  for (const item of text.split(',')) {
    const match = cronItem(item);
    if (!match) throw new Error(`bad ${field.name} field "${text}"`);
    const step = match.step !== undefined ? Number(match.step) : 1;
    let lo = field.min;
    let hi = field.max;
    if (!match.star) {
      lo = Number(match.lo);
      hi = match.hi !== undefined ? Number(match.hi) : match.step !== undefined ? field.max : lo;
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
