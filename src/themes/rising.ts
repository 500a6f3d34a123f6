import { fitGammaPrior, poissonUpperTail, posteriorRate, type GammaPrior } from './poisson.js';
import type { ThemeStats } from './theme-stats.js';

/** The rules of "rising" (research/analysis.md §2), in one place. */
export const RISING_RULES = Object.freeze({
  maxPValue: 0.001,
  minTickets: 3,
  minRatio: 2,
  minCustomers: 2,
});

export interface WindowTest {
  window: '24h' | '7d';
  count: number;
  expected: number;
  pValue: number;
  customers: number;
  passed: boolean;
}

export interface RisingVerdict {
  themeId: number;
  rising: boolean;
  /** Expected tickets per day from the theme's own history shrunk towards the prior. */
  baselineRate: number;
  tests: [WindowTest, WindowTest];
}

/**
 * Fits the empirical-Bayes prior over all themes' month before the last 24 h. When there is no
 * history at all, the prior mean is the average theme's daily count over the data there is.
 */
export function priorFor(stats: readonly ThemeStats[], nowMs: number, dataStartMs: number): GammaPrior {
  const spanDays = Math.max(1, (nowMs - dataStartMs) / 86_400_000);
  const total = stats.reduce((s, t) => s + t.tickets, 0);
  const fallback = stats.length ? total / stats.length / spanDays : 0.1;
  return fitGammaPrior(stats.map((s) => s.before24hMonth), fallback);
}

/**
 * Flags a theme as rising when, in the last 24 h or the last 7 d, its ticket count x has
 * P(X ≥ x | λ) < 0.001 under Poisson(λ) of its baseline, and x ≥ 3, x ≥ 2λ, and at least two
 * distinct customers are among them. λ is the posterior mean rate under the Gamma prior, so a
 * new theme starts at a typical theme's rate rather than at zero. Pure.
 */
export function detectRising(s: ThemeStats, prior: GammaPrior): RisingVerdict {
  // The larger of the week and month rates: a theme already up all week is judged by the
  // 7-day test, not re-flagged every day against its quiet past.
  const rate24 = Math.max(
    posteriorRate(prior, s.before24hMonth.count, s.before24hMonth.exposureDays),
    posteriorRate(prior, s.before24hWeek.count, s.before24hWeek.exposureDays),
  );
  const rate7 = posteriorRate(prior, s.before7dMonth.count, s.before7dMonth.exposureDays);
  const t24 = windowTest('24h', s.count24h, rate24, s.customers24h);
  const t7 = windowTest('7d', s.count7d, rate7 * 7, s.customers7d);
  return { themeId: s.themeId, rising: t24.passed || t7.passed, baselineRate: rate24, tests: [t24, t7] };
}

function windowTest(window: '24h' | '7d', count: number, expected: number, customers: number): WindowTest {
  const pValue = poissonUpperTail(count, expected);
  const passed =
    pValue < RISING_RULES.maxPValue &&
    count >= RISING_RULES.minTickets &&
    count >= RISING_RULES.minRatio * expected &&
    customers >= RISING_RULES.minCustomers;
  return { window, count, expected, pValue, customers, passed };
}

/**
 * The stored rising state after this run: `risingSince` is set when a theme starts rising and kept
 * while it stays up; it clears when the theme stops. Idempotent for the same verdict.
 */
export function nextRisingState(
  previous: { rising: boolean; risingSince: string | null },
  rising: boolean,
  nowIso: string,
): { rising: boolean; risingSince: string | null } {
  if (!rising) return { rising: false, risingSince: null };
  return { rising: true, risingSince: previous.rising && previous.risingSince ? previous.risingSince : nowIso };
}
