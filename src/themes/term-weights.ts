import type { TermCounts } from './tokenize.js';

/** Inverse document frequency of each term over one corpus of issues. */
export interface Idf {
  /** Weight of `term`; unseen terms get the weight of a term seen once. */
  weight(term: string): number;
  readonly documents: number;
}

/**
 * Smoothed IDF, ln(1 + N / df), over every issue known at the start of a run. Fixed for the run
 * so centroid norms can be kept incrementally; it drifts between runs, which only affects
 * placements still to come (placed issues never move).
 */
export function buildIdf(docs: Iterable<TermCounts>): Idf {
  const df = new Map<string, number>();
  let n = 0;
  for (const doc of docs) {
    n++;
    for (const term of doc.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  }
  const cache = new Map<string, number>();
  const unseen = Math.log(1 + Math.max(n, 1));
  return {
    documents: n,
    weight(term) {
      let w = cache.get(term);
      if (w === undefined) {
        const d = df.get(term);
        w = d ? Math.log(1 + n / d) : unseen;
        cache.set(term, w);
      }
      return w;
    },
  };
}

/** A unit-length TF-IDF vector of one issue, terms sorted by weight (largest first, then name). */
export interface QueryVector {
  readonly terms: string[];
  readonly weights: number[];
}

export function queryVector(doc: TermCounts, idf: Idf): QueryVector {
  if (doc.size > INSERTION_SORT_LIMIT) return sortedQueryVector(doc, idf);
  // An issue has a handful of terms: inserted in order into the two arrays, without the pair per
  // term, the comparator sort and the two mapped copies (100k issues made each per run). The same
  // order (no two terms are equal) and the same norm, summed in the document's order.
  const terms: string[] = [];
  const weights: number[] = [];
  let sumsq = 0;
  doc.forEach((tf, term) => {
    const w = tf * idf.weight(term);
    sumsq += w * w;
    insertInWeightOrder(terms, weights, terms.length, term, w);
  });
  const norm = Math.sqrt(sumsq) || 1;
  for (let i = 0; i < weights.length; i++) weights[i] = weights[i]! / norm;
  return { terms, weights };
}

/**
 * Puts (term, w) into the first `size` entries of `terms` and `weights`, kept in queryVector's
 * order (weight descending, then term ascending; no two terms are equal), shifting lighter entries
 * up one place; the arrays hold size + 1 entries after. Also theme-labels.ts's centrality, which
 * must sum in exactly this order.
 */
export function insertInWeightOrder(terms: string[], weights: number[], size: number, term: string, w: number): void {
  let at = size;
  while (at > 0 && (weights[at - 1]! < w || (weights[at - 1] === w && terms[at - 1]! > term))) {
    terms[at] = terms[at - 1]!;
    weights[at] = weights[at - 1]!;
    at--;
  }
  terms[at] = term;
  weights[at] = w;
}

/** Above this many terms (a large group's sum) queryVector sorts instead: insertion is quadratic. */
const INSERTION_SORT_LIMIT = 24;

function sortedQueryVector(doc: TermCounts, idf: Idf): QueryVector {
  const pairs: Array<[string, number]> = [];
  let sumsq = 0;
  for (const [term, tf] of doc) {
    const w = tf * idf.weight(term);
    pairs.push([term, w]);
    sumsq += w * w;
  }
  const norm = Math.sqrt(sumsq) || 1;
  pairs.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return { terms: pairs.map((p) => p[0]), weights: pairs.map((p) => p[1] / norm) };
}
