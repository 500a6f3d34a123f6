import { cosineToCentroid, type Centroid } from './centroid.js';
import type { Idf } from './term-weights.js';

/** One theme as the clustering sees it. `slot` is its position in creation order. */
export interface IndexedTheme {
  readonly slot: number;
  readonly category: string;
  readonly centroid: Centroid;
  /** False once merged away: never returned as a candidate again. */
  alive: boolean;
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
  private readonly postings = new Map<string, number[]>();
  private seen = new Uint32Array(1024);
  private stamp = 0;

  constructor(private readonly idf: Idf) {}

  /** Adds a theme; returns its slot. */
  add(category: string, centroid: Centroid): number {
    const slot = this.themes.length;
    this.themes.push({ slot, category, centroid, alive: true });
    this.noteTerms(slot, centroid.counts.keys());
    return slot;
  }

  /** Records that theme `slot` now holds `terms`; pass only terms it did not hold before. */
  noteTerms(slot: number, terms: Iterable<string>): void {
    const theme = this.themes[slot]!;
    for (const term of terms) {
      const key = `${theme.category}\u0000${term}`;
      let list = this.postings.get(key);
      if (!list) this.postings.set(key, (list = []));
      if (list[list.length - 1] !== slot) list.push(slot);
    }
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

  /** Every live theme of `category` (except `exclude`) with cosine ≥ `threshold`, in slot order. */
  within(category: string, terms: readonly string[], weights: readonly number[], threshold: number, exclude = -1): Match[] {
    // Leading terms whose postings we must visit: stop once the rest cannot reach the threshold.
    let rest = 0;
    for (const w of weights) rest += w * w;
    let prefix = 0;
    while (prefix < terms.length && Math.sqrt(Math.max(rest, 0)) >= threshold * 0.999) {
      rest -= weights[prefix]! * weights[prefix]!;
      prefix++;
    }
    if (this.seen.length < this.themes.length) this.seen = new Uint32Array(this.themes.length * 2);
    const stamp = ++this.stamp;
    const candidates: number[] = [];
    for (let i = 0; i < prefix; i++) {
      const list = this.postings.get(`${category}\u0000${terms[i]}`);
      if (!list) continue;
      for (const slot of list) {
        if (this.seen[slot] === stamp) continue;
        this.seen[slot] = stamp;
        candidates.push(slot);
      }
    }
    candidates.sort((a, b) => a - b);
    const out: Match[] = [];
    for (const slot of candidates) {
      const theme = this.themes[slot]!;
      if (!theme.alive || slot === exclude) continue;
      const similarity = cosineToCentroid(terms, weights, theme.centroid, this.idf);
      if (similarity >= threshold) out.push({ slot, similarity });
    }
    return out;
  }
}
