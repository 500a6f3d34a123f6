import { describe, expect, it } from 'vitest';
import { fitGammaPrior, poissonUpperTail, posteriorRate } from '../../src/themes/poisson.js';
import { detectRising, nextRisingState } from '../../src/themes/rising.js';
import { computeThemeStats, type ThemeEvent, type ThemeStats } from '../../src/themes/theme-stats.js';

const NOW = Date.parse('2026-11-28T12:00:00Z');
const DAY = 86_400_000;
const START = NOW - 60 * DAY;

function stats(events: Array<Partial<ThemeEvent> & { atMs: number }>): ThemeStats {
  const full = events.map((e, i) => ({ themeId: 1, ticketId: i + 1, requesterId: i + 1, organizationId: null, severity: 'high', ...e }));
  return computeThemeStats(full, NOW, START).get(1)!;
}

const daily = (days: number, perDay: number) =>
  Array.from({ length: days * perDay }, (_, i) => ({ atMs: NOW - DAY - 1 - Math.floor(i / perDay) * DAY - (i % perDay) * 60_000 }));
const lastDay = (n: number, customers = n) => Array.from({ length: n }, (_, i) => ({ atMs: NOW - i * 60_000 - 1, requesterId: 900 + (i % customers) }));
const prior = { shape: 1, rate: 1 };

describe('poissonUpperTail', () => {
  it('matches closed forms', () => {
    expect(poissonUpperTail(0, 3)).toBe(1);
    expect(poissonUpperTail(1, 1)).toBeCloseTo(1 - Math.exp(-1), 12);
    expect(poissonUpperTail(3, 0.5)).toBeCloseTo(1 - Math.exp(-0.5) * (1 + 0.5 + 0.125), 12);
  });

  it('stays accurate far in the tail and for large means', () => {
    let tail = 0;
    for (let k = 12, f = 479001600; k < 40; k++, f *= k) tail += Math.exp(-1) / f;
    expect(poissonUpperTail(12, 1) / tail).toBeCloseTo(1, 9);
    expect(poissonUpperTail(60, 40)).toBeGreaterThan(0.001);
    expect(poissonUpperTail(80, 40)).toBeLessThan(1e-6);
  });
});

describe('empirical-Bayes prior', () => {
  it('centres on the pooled rate of established themes', () => {
    const p = fitGammaPrior([{ count: 28, exposureDays: 28 }, { count: 56, exposureDays: 28 }, { count: 0, exposureDays: 28 }, { count: 28, exposureDays: 28 }], 5);
    expect(p.shape / p.rate).toBeCloseTo(1, 10);
  });

  it('gives a theme with no history the prior mean', () => {
    expect(posteriorRate({ shape: 2, rate: 4 }, 0, 0)).toBe(0.5);
  });
});

describe('detectRising', () => {
  it('flags a spike of twelve tickets against a one-a-day baseline', () => {
    expect(detectRising(stats([...daily(30, 1), ...lastDay(12)]), prior).rising).toBe(true);
  });

  it('does not flag a flat theme of forty tickets a day', () => {
    expect(detectRising(stats([...daily(35, 40), ...lastDay(40)]), prior).rising).toBe(false);
  });

  it('does not flag a single ticket in a new theme', () => {
    const verdict = detectRising(stats(lastDay(1)), { shape: 0.5, rate: 50 });
    expect(verdict.rising).toBe(false);
  });

  it('does not flag a burst from one customer', () => {
    expect(detectRising(stats([...daily(30, 2), ...lastDay(12, 1)]), prior).rising).toBe(false);
  });

  it('judges a new theme against the prior, not against zero', () => {
    // Four tickets from four customers: rare against a prior of 0.1/day, ordinary against 2/day.
    expect(detectRising(stats(lastDay(4)), { shape: 1, rate: 10 }).rising).toBe(true);
    expect(detectRising(stats(lastDay(4)), { shape: 2, rate: 1 }).rising).toBe(false);
  });

  it('flags a week-long rise through the 7-day test', () => {
    const week = Array.from({ length: 28 }, (_, i) => ({ atMs: NOW - 1 - i * 6 * 3_600_000 }));
    const verdict = detectRising(stats([...daily(30, 1).map((e) => ({ atMs: e.atMs - 7 * DAY })), ...week]), prior);
    expect(verdict.tests[1].passed).toBe(true);
  });
});

describe('nextRisingState', () => {
  it('keeps the start of a rise and clears it when the rise ends', () => {
    const start = nextRisingState({ rising: false, risingSince: null }, true, 't1');
    expect(start).toEqual({ rising: true, risingSince: 't1' });
    expect(nextRisingState(start, true, 't2')).toEqual({ rising: true, risingSince: 't1' });
    expect(nextRisingState(start, false, 't3')).toEqual({ rising: false, risingSince: null });
  });
});
