/**
 * Poisson tail probabilities and an empirical-Bayes Gamma prior for sparse daily counts.
 * Pure numerics (Numerical Recipes §6.1–6.2); no dependency is worth it for ~60 lines.
 */

/** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9; about 15 significant digits). */
export function logGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = c[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** The regularised lower incomplete gamma function P(a, x), for a > 0, x ≥ 0. */
export function regularizedGammaP(a: number, x: number): number {
  if (x <= 0) return 0;
  const lead = a * Math.log(x) - x - logGamma(a);
  if (x < a + 1) {
    let sum = 1 / a;
    let term = sum;
    for (let n = 1; n < 1000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-15) break;
    }
    return Math.min(1, sum * Math.exp(lead));
  }
  // Continued fraction for Q(a, x) (modified Lentz).
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return Math.max(0, 1 - Math.exp(lead) * h);
}

/**
 * P(X ≥ k) for X ~ Poisson(λ): the chance of seeing at least k events when λ are expected.
 * 1 for k ≤ 0; for λ = 0 it is 0 for any k ≥ 1 (callers keep λ positive through the prior).
 */
export function poissonUpperTail(k: number, lambda: number): number {
  if (k <= 0) return 1;
  if (lambda <= 0) return 0;
  // P(X ≥ k) = P(k, λ), the regularised lower incomplete gamma function.
  return regularizedGammaP(k, lambda);
}

/** A Gamma(shape α, rate β) prior on a daily rate: mean α/β, worth β days of observation. */
export interface GammaPrior {
  shape: number;
  rate: number;
}

/**
 * Fits a Gamma prior to themes' observed (count, exposure days) pairs by the method of moments,
 * removing the Poisson noise from the spread of the rates. Only themes observed for at least
 * `minExposure` days inform it. With too little data it falls back to an exponential prior
 * (α = 1) at the pooled mean, or at `fallbackMean` when nothing was observed at all.
 */
export function fitGammaPrior(
  observations: ReadonlyArray<{ count: number; exposureDays: number }>,
  fallbackMean: number,
  minExposure = 7,
): GammaPrior {
  const usable = observations.filter((o) => o.exposureDays >= minExposure);
  const totalCount = usable.reduce((s, o) => s + o.count, 0);
  const totalExposure = usable.reduce((s, o) => s + o.exposureDays, 0);
  const mean = totalExposure > 0 && totalCount > 0 ? totalCount / totalExposure : Math.max(fallbackMean, 1e-3);
  if (usable.length < 3) return { shape: 1, rate: 1 / mean };
  let spread = 0;
  let noise = 0;
  for (const o of usable) {
    spread += (o.count / o.exposureDays - mean) ** 2;
    noise += mean / o.exposureDays;
  }
  const between = (spread - noise) / usable.length;
  if (!(between > 0)) return { shape: 1, rate: 1 / mean };
  // Shape below 0.5 would let a theme's own few days swamp the prior; above 50 it ignores them.
  const shape = Math.min(50, Math.max(0.5, (mean * mean) / between));
  return { shape, rate: shape / mean };
}

/** Posterior mean daily rate given `count` events over `exposureDays` days. */
export function posteriorRate(prior: GammaPrior, count: number, exposureDays: number): number {
  return (prior.shape + count) / (prior.rate + Math.max(0, exposureDays));
}
