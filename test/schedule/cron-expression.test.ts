import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cronFields, cronItem, nextFire, parseCron } from '../../src/schedule/cron-expression.js';
import { nextRun } from '../../src/schedule/next-run.js';

const at = (iso: string) => Date.parse(iso);
const next = (expr: string, iso: string) => new Date(nextFire(parseCron(expr), at(iso))).toISOString();

describe('cron expressions', () => {
  let tz: string | undefined;
  beforeAll(() => {
    tz = process.env.TZ;
    process.env.TZ = 'UTC'; // cron reads local time; pin it so expectations are plain
  });
  afterAll(() => {
    process.env.TZ = tz;
  });

  it('finds the next 02:00 for the daily pipeline, today or tomorrow', () => {
    expect(next('0 2 * * *', '2026-11-28T01:59:30Z')).toBe('2026-11-28T02:00:00.000Z');
    expect(next('0 2 * * *', '2026-11-28T02:00:00Z')).toBe('2026-11-29T02:00:00.000Z');
  });

  it('finds the next half past for the hourly trends job', () => {
    expect(next('30 * * * *', '2026-11-28T12:31:00Z')).toBe('2026-11-28T13:30:00.000Z');
    expect(nextRun('30 * * * *', at('2026-12-31T23:45:00Z'))).toBe('2027-01-01T00:30:00.000Z');
  });

  it('understands steps, ranges and lists', () => {
    expect(next('*/15 9-17 * * 1-5', '2026-11-28T12:00:00Z')).toBe('2026-11-30T09:00:00.000Z'); // Saturday → Monday
    expect(next('0 0 1,15 * *', '2026-11-02T00:00:00Z')).toBe('2026-11-15T00:00:00.000Z');
  });

  it('treats 7 as Sunday and fires on either restricted day field, as cron(5) does', () => {
    expect(next('0 0 * * 7', '2026-11-28T00:00:00Z')).toBe('2026-11-29T00:00:00.000Z');
    expect(next('0 0 13 * 5', '2026-11-01T00:00:00Z')).toBe('2026-11-06T00:00:00.000Z'); // a Friday, before the 13th
  });

  it('lands on the minute a minute-by-minute search finds', () => {
    const matches = (c: ReturnType<typeof parseCron>, ms: number) => {
      const d = new Date(ms);
      const dom = c.daysOfMonth.has(d.getUTCDate());
      const dow = c.daysOfWeek.has(d.getUTCDay());
      const day = c.domRestricted && c.dowRestricted ? dom || dow : dom && dow;
      return day && c.months.has(d.getUTCMonth() + 1) && c.hours.has(d.getUTCHours()) && c.minutes.has(d.getUTCMinutes());
    };
    const slowNext = (c: ReturnType<typeof parseCron>, ms: number) => {
      let t = Math.floor(ms / 60_000) * 60_000 + 60_000;
      while (!matches(c, t)) t += 60_000;
      return t;
    };
    const exprs = ['0 2 * * *', '*/7 1-3 * * *', '0,30 2,3 * * 1-5', '45 */5 * * *', '59 23 * * *', '* * * * *', '15 1 1 * 0'];
    for (const expr of exprs) {
      const cron = parseCron(expr);
      for (let ms = at('2026-12-30T00:00:00Z'); ms < at('2027-01-03T00:00:00Z'); ms += 97 * 60_000 + 13_000) {
        expect(nextFire(cron, ms), `${expr} after ${new Date(ms).toISOString()}`).toBe(slowNext(cron, ms));
      }
    }
  });

  it('keeps to the wall clock across daylight saving time, firing once in a repeated hour', () => {
    process.env.TZ = 'Europe/Berlin';
    try {
      expect(next('30 2 * * *', '2026-03-28T02:00:00Z')).toBe('2026-03-30T00:30:00.000Z'); // 02:30 does not exist on the 29th
      expect(next('30 2 * * *', '2026-10-24T02:00:00Z')).toBe('2026-10-25T00:30:00.000Z'); // the first 02:30 (CEST)
      expect(next('30 2 * * *', '2026-10-25T00:30:00Z')).toBe('2026-10-26T01:30:00.000Z'); // not the second one (CET)
      expect(next('*/20 * * * *', '2026-03-29T00:50:00Z')).toBe('2026-03-29T01:00:00.000Z'); // 01:50 CET -> 03:00 CEST
    } finally {
      process.env.TZ = 'UTC';
    }
  });

  it('rejects malformed expressions with the field named', () => {
    expect(() => parseCron('0 2 * *')).toThrow(/5 fields/);
    expect(() => parseCron('61 * * * *')).toThrow(/minute/);
    expect(() => parseCron('0 2 * * mon')).toThrow(/day of week/);
  });

  it('splits and reads items exactly as the regular expressions it replaced (status runs no regex for them)', () => {
    // Every short string over an alphabet with the hard cases: \s beyond the
    // ASCII space, a non-ASCII digit (\d without the u flag is ASCII), separators and stars.
    const everyString = (alphabet: string[], maxLength: number) => {
      let strings = [''];
      const all = [''];
      for (let length = 1; length <= maxLength; length++) {
        strings = strings.flatMap((s) => alphabet.map((c) => s + c));
        all.push(...strings);
      }
      return all;
    };
    const all = [
      ...everyString(['0', '7', '*', '-', '/', ',', ' ', '\t', '\u00a0', '\u2003', '\ufeff', '\u0660', 'x'], 3),
      ...everyString(['1', '*', '-', '/', ' '], 5),
    ];
    for (const text of all) {
      expect(cronFields(text), JSON.stringify(text)).toEqual(text.trim().split(/\s+/));
      const match = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(text);
      const expected = match ? { star: match[1] === '*', lo: match[2], hi: match[3], step: match[4] } : undefined;
      const got = cronItem(text);
      expect(got && { star: got.star, lo: got.lo, hi: got.hi, step: got.step }, JSON.stringify(text)).toEqual(expected);
    }
  });

  it('gives up on an expression that never fires', () => {
    expect(() => next('0 0 31 2 *', '2026-01-01T00:00:00Z')).toThrow(/never fires/);
  });
});
