import type { Idf } from './term-weights.js';
import type { TermCounts } from './tokenize.js';

/**
 * A theme's centroid: the summed term counts of its members (a class-based TF-IDF, as BERTopic's
 * c-TF-IDF), weighted by IDF at comparison time. Keeping raw counts, not weights, makes the
 * centroid a pure function of membership, so nothing about it needs storing between runs.
 */
export interface Centroid {
  readonly counts: Map<string, number>;
  size: number;
  /** Σ (count·idf)², kept in step with `counts` under one fixed Idf. */
  sumsq: number;
}

export function emptyCentroid(): Centroid {
  return { counts: new Map(), size: 0, sumsq: 0 };
}

/** Adds one member's terms. Mutates `c`; the norm stays exact for the given idf. */
export function addMember(c: Centroid, doc: TermCounts, idf: Idf): void {
  for (const [term, tf] of doc) addCount(c, term, tf, idf);
  c.size++;
}

/**
 * Takes one member's terms back out (a new issue moved to another theme within the run that
 * placed it; an issue placed by an earlier run never moves). Mutates `c`; terms left at zero go.
 */
export function removeMember(c: Centroid, doc: TermCounts, idf: Idf): void {
  for (const [term, tf] of doc) {
    addCount(c, term, -tf, idf);
    if ((c.counts.get(term) ?? 0) <= 1e-9) c.counts.delete(term);
  }
  c.size--;
  if (c.counts.size === 0) c.sumsq = 0;
}

/** Folds `from` into `into` (a merge). Mutates `into`. */
export function absorb(into: Centroid, from: Centroid, idf: Idf): void {
  for (const [term, n] of from.counts) addCount(into, term, n, idf);
  into.size += from.size;
}

function addCount(c: Centroid, term: string, n: number, idf: Idf): void {
  const before = c.counts.get(term) ?? 0;
  const after = before + n;
  const w = idf.weight(term);
  c.sumsq += w * w * (after * after - before * before);
  c.counts.set(term, after);
}

/** Cosine between a unit query (terms, weights) and a centroid; 0 for an empty centroid. */
export function cosineToCentroid(terms: readonly string[], weights: readonly number[], c: Centroid, idf: Idf): number {
  if (c.sumsq <= 0) return 0;
  let dot = 0;
  for (let i = 0; i < terms.length; i++) {
    const n = c.counts.get(terms[i]!);
    if (n) dot += weights[i]! * n * idf.weight(terms[i]!);
  }
  return dot / Math.sqrt(c.sumsq);
}

/**
 * The cosine between a unit query and a centroid that is left once the single shared term that
 * contributes most is taken out: how much of their likeness rests on more than one word. Two
 * problems that share only "report" (an accident report, a credit report) or only the component
 * they were filed under have a cosine that is nearly all one term; paraphrases of one problem
 * share several. 0 for an empty centroid.
 */
export function cosineBeyondTopTerm(terms: readonly string[], weights: readonly number[], c: Centroid, idf: Idf): number {
  if (c.sumsq <= 0) return 0;
  let dot = 0;
  let top = 0;
  for (let i = 0; i < terms.length; i++) {
    const n = c.counts.get(terms[i]!);
    if (!n) continue;
    const part = weights[i]! * n * idf.weight(terms[i]!);
    dot += part;
    if (part > top) top = part;
  }
  return (dot - top) / Math.sqrt(c.sumsq);
}

/** The centroid as a unit query vector, terms sorted by weight (for the merge pass). */
export function centroidAsQuery(c: Centroid, idf: Idf): { terms: string[]; weights: number[] } {
  const norm = Math.sqrt(c.sumsq) || 1;
  const pairs = [...c.counts].map(([t, n]) => [t, (n * idf.weight(t)) / norm] as [string, number]);
  pairs.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return { terms: pairs.map((p) => p[0]), weights: pairs.map((p) => p[1]) };
}

/** The `k` terms that weigh most in the centroid: the theme's keywords. */
export function topTerms(c: Centroid, idf: Idf, k: number): string[] {
  return centroidAsQuery(c, idf).terms.slice(0, k);
}
