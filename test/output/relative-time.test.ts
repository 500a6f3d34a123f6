import { describe, expect, it } from 'vitest';
import { localDateTime, relativeTime, timeFormatter } from '../../src/output/relative-time.js';
import { fakeTerminal } from '../helpers/fake-terminal.js';

const now = Date.parse('2026-11-30T07:00:00.000Z');
const paris = (iso: string) => relativeTime(iso, now, 'Europe/Paris');

describe('relative times', () => {
  it('writes a coming run as hours ahead and its local clock time', () => {
    expect(paris('2026-12-01T01:00:00.000Z')).toBe('in 18 h, 02:00');
    expect(paris('2026-11-30T07:12:00.000Z')).toBe('in 12 min');
    expect(paris('2026-12-04T01:00:00.000Z')).toBe('in 3 d, Fri 02:00');
  });

  it('writes a past instant as minutes or hours ago, then as a local date', () => {
    expect(paris('2026-11-30T06:59:50.000Z')).toBe('just now');
    expect(paris('2026-11-30T06:57:00.000Z')).toBe('3 min ago');
    expect(paris('2026-11-30T02:00:00.000Z')).toBe('5 h ago, 03:00');
    expect(paris('2026-11-20T02:00:00.000Z')).toBe('Fri 20 Nov, 03:00');
    expect(paris('2025-11-20T02:00:00.000Z')).toBe('Thu 20 Nov 2025, 03:00');
  });

  it('leaves text that is not a date as it is, and shows a missing time as "-"', () => {
    expect(paris('soon')).toBe('soon');
    expect(relativeTime(null, now)).toBe('-');
  });

  it('writes a document time as local date, time and zone', () => {
    expect(localDateTime('2026-11-30T07:00:00.000Z', 'Europe/Paris')).toBe('2026-11-30 08:00 CET');
    expect(localDateTime('2026-11-30T07:00:00.000Z', 'UTC')).toBe('2026-11-30 07:00 UTC');
  });

  it('keeps ISO text on a pipe and turns relative on a terminal', () => {
    const iso = '2026-11-30T06:57:00.000Z';
    expect(timeFormatter(fakeTerminal({ tty: false }), now)(iso)).toBe(iso);
    expect(timeFormatter(fakeTerminal({ tty: true }), now, 'UTC')(iso)).toBe('3 min ago');
  });
});
