import type { Centroid } from './centroid.js';
import type { Idf } from './term-weights.js';

/** One theme as the clustering sees it. `slot` is its position in creation order. */
export interface IndexedTheme {
  readonly slot: number;
  readonly category: string;
  readonly centroid: Centroid;
  /** False once merged away: never returned as a candidate again. */
  alive: boolean;
}

interface Posting {
  slots: number[];
  counts: number[];
  /** The largest normalised weight the term has had in any theme of the posting. */
  bound: number;
}

export interface Match {
  slot: number;
  similarity: number;
}

/**
 * An inverted index from (category, term) to the themes whose centroid holds the term, so that
 * finding the nearest theme scores only themes that share a heavy term with the query instead of
 * every theme. The pruning is exact: a theme sharing none of the query's leading terms has a
 * cosine of at most the norm of the remaining terms, which is kept below the threshold.
 */
export class ThemeIndex {
  readonly themes: IndexedTheme[] = [];
  /** Every category a theme was added under, in first-seen order. */
  readonly categories = new Set<string>();
  /** category → term → the themes holding it and, in step, how much of it each holds. */
  private readonly postings = new Map<string, Map<string, Posting>>();
  /** Per theme: term → its position in that term's posting. */
  private readonly positions: Array<Map<string, number>> = [];
  private seen = new Uint32Array(1024);
  private acc = new Float64Array(1024);
  private stamp = 0;

  constructor(private readonly idf: Idf) {}

  /** Adds a theme holding what `centroid` holds; returns its slot. */
  add(category: string, centroid: Centroid): number {
    const slot = this.themes.length;
    this.themes.push({ slot, category, centroid, alive: true });
    this.categories.add(category);
    if (!this.postings.has(category)) this.postings.set(category, new Map());
    this.positions.push(new Map());
    this.addCounts(slot, centroid.counts);
    return slot;
  }

  /** Records that theme `slot` gained `counts` (call alongside the centroid update). */
  addCounts(slot: number, counts: Iterable<[string, number]>): void {
    const theme = this.themes[slot]!;
    const positions = this.positions[slot]!;
    const postings = this.postings.get(theme.category)!;
    const norm = Math.sqrt(theme.centroid.sumsq || 1); // the caller updated the centroid first
    for (const [term, n] of counts) {
      let pos = positions.get(term);
      let posting;
      if (pos === undefined) {
        posting = postings.get(term);
        if (!posting) postings.set(term, (posting = { slots: [], counts: [], bound: 0 }));
        pos = posting.slots.length;
        posting.slots.push(slot);
        posting.counts.push(0);
        positions.set(term, pos);
      } else {
        posting = postings.get(term)!;
      }
      posting.counts[pos]! += n;
      // Counts grow (removeCounts re-raises the bounds of a theme that shrank), so a theme's norm
      // only grows: the weight a term has in a theme can rise only when that term's own count
      // rises, which is now. The max seen here is a true bound.
      const weight = (posting.counts[pos]! * this.idf.weight(term)) / norm;
      if (weight > posting.bound) posting.bound = weight;
    }
  }

  /**
   * Records that theme `slot` lost `counts` (call alongside removeMember). Its norm shrank, so a
   * term it kept may now weigh more than its posting's bound says: those bounds are raised here,
   * which keeps the pruning exact.
   */
  removeCounts(slot: number, counts: Iterable<[string, number]>): void {
    this.addCounts(slot, [...counts].map(([term, n]) => [term, -n] as [string, number]));
    this.addCounts(slot, [...this.themes[slot]!.centroid.counts.keys()].map((term) => [term, 0] as [string, number]));
  }

  /**
   * The most similar live theme of `category` with cosine ≥ `threshold`, or null. Ties go to the
   * older theme (lower slot), so the answer does not depend on iteration order. Pure reads.
   */
  nearest(category: string, terms: readonly string[], weights: readonly number[], threshold: number, exclude = -1): Match | null {
    let best: Match | null = null;
    for (const m of this.within(category, terms, weights, threshold, exclude)) {
      if (!best || m.similarity > best.similarity) best = m; // slot order: first of equals wins
    }
    return best;
  }

  /**
   * Every live theme of `category` (except `exclude`) with cosine ≥ `threshold`, in slot order.
   * Scores term at a time over the postings of the leading terms, then adds the remaining terms
   * for the candidates found, so a common term costs one lookup per theme holding it.
   */
  within(category: string, terms: readonly string[], weights: readonly number[], threshold: number, exclude = -1): Match[] {
    // Max-score pruning: term i can add at most weights[i] × bound to any theme's cosine. Visit
    // postings, largest possible contribution first, until what is left cannot reach the
    // threshold (by that sum, or by the norm of the rest); themes seen nowhere are then below it.
    const byTerm = this.postings.get(category);
    if (!byTerm) return [];
    // Most calls find nothing (a category other than the query's, at the cross-category bar):
    // the same bound as the first check below, summed in the same order, ends them before any
    // array is made (the merge pass at 100k issues took a quarter less CPU time).
    let reachable = 0;
    const postings: Array<Posting | undefined> = new Array(terms.length);
    const order: number[] = [];
    for (let i = 0; i < terms.length; i++) {
      const posting = byTerm.get(terms[i]!);
      postings[i] = posting;
      if (posting !== undefined) {
        reachable += weights[i]! * posting.bound;
        order.push(i);
      }
    }
    if (reachable < threshold * 0.999) return [];
    order.sort((a, b) => weights[b]! * postings[b]!.bound - weights[a]! * postings[a]!.bound || a - b);
    let restSum = reachable;
    let restSq = 0;
    for (const i of order) restSq += weights[i]! * weights[i]!;
    let walked = 0; // the terms walked are order's first `walked`
    if (this.seen.length < this.themes.length) {
      this.seen = new Uint32Array(this.themes.length * 2);
      this.acc = new Float64Array(this.themes.length * 2);
    }
    const stamp = ++this.stamp;
    const candidates: number[] = [];
    for (const i of order) {
      if (Math.min(restSum, Math.sqrt(Math.max(restSq, 0))) < threshold * 0.999) break;
      const posting = postings[i]!;
      restSum -= weights[i]! * posting.bound;
      restSq -= weights[i]! * weights[i]!;
      walked++;
      const w = weights[i]! * this.idf.weight(terms[i]!);
      const { slots, counts } = posting;
      for (let j = 0; j < slots.length; j++) {
        const slot = slots[j]!;
        if (this.seen[slot] !== stamp) {
          this.seen[slot] = stamp;
          this.acc[slot] = 0;
          candidates.push(slot);
        }
        this.acc[slot]! += w * counts[j]!;
      }
    }
    if (candidates.length === 0) return [];
    candidates.sort((a, b) => a - b);
    const restTerms: string[] = [];
    const restWeights: number[] = [];
    for (let o = walked; o < order.length; o++) {
      const i = order[o]!;
      restTerms.push(terms[i]!);
      restWeights.push(weights[i]! * this.idf.weight(terms[i]!));
    }
    // What the terms not walked can add to any theme's cosine, by the same two bounds as above: a
    // candidate whose walked part plus that cannot reach the threshold is dropped before its
    // remaining terms are looked up (most candidates share one word with the query; at 100k
    // issues those lookups were most of the time spent here). Those kept are scored as before.
    const unwalked = Math.min(restSum, Math.sqrt(Math.max(restSq, 0)));
    const out: Match[] = [];
    for (const slot of candidates) {
      const theme = this.themes[slot]!;
      if (!theme.alive || slot === exclude || theme.centroid.sumsq <= 0) continue;
      if (this.acc[slot]! / Math.sqrt(theme.centroid.sumsq) + unwalked < threshold * 0.999) continue;
      let dot = this.acc[slot]!;
      const counts = theme.centroid.counts;
      for (let r = 0; r < restTerms.length; r++) dot += restWeights[r]! * (counts.get(restTerms[r]!) ?? 0);
      const similarity = dot / Math.sqrt(theme.centroid.sumsq);
      if (similarity >= threshold) out.push({ slot, similarity });
    }
    return out;
  }
}
