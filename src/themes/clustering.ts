import { absorb, addMember, centroidAsQuery, cosineToCentroid, emptyCentroid, type Centroid } from './centroid.js';
import { ThemeIndex } from './theme-index.js';
import { queryVector, type Idf } from './term-weights.js';
import type { TermCounts } from './tokenize.js';

/** A theme that already exists, with the terms of every issue placed in it. */
export interface ExistingTheme {
  id: number;
  category: string;
  members: TermCounts[];
}

/** An issue not yet in a theme. */
export interface PendingIssue {
  id: number;
  category: string;
  terms: TermCounts;
}

/**
 * A theme key: a positive number is an existing theme's id; a negative number (-1, -2, …) is a
 * theme opened in this run, numbered in the order it was opened.
 */
export type ThemeKey = number;

export interface Merge {
  from: ThemeKey;
  into: ThemeKey;
  similarity: number;
}

/** The tuned thresholds (cosine); see test/themes/cluster-quality.test.ts for the fixture score. */
export const PLACE_THRESHOLD = 0.3;
export const MERGE_THRESHOLD = 0.4;

/**
 * Leader clustering with incremental centroids, plus a merge pass. Deterministic: themes are
 * visited in id order, issues in the order given, ties go to the older theme.
 * Mutable; one instance lives for one trends run.
 */
export class Clustering {
  private readonly index: ThemeIndex;
  private readonly keys: ThemeKey[] = [];
  private readonly existing: boolean[] = [];
  private nextNewKey = -1;

  constructor(
    private readonly idf: Idf,
    existing: readonly ExistingTheme[],
  ) {
    this.index = new ThemeIndex(idf);
    for (const theme of [...existing].sort((a, b) => a.id - b.id)) {
      const centroid = emptyCentroid();
      for (const member of theme.members) addMember(centroid, member, idf);
      this.index.add(theme.category, centroid);
      this.keys.push(theme.id);
      this.existing.push(true);
    }
  }

  /**
   * Places each issue, in order, into the nearest live theme of its category when the cosine to
   * that theme's centroid is ≥ `threshold`, else opens a new theme. Returns issue id → theme key.
   */
  place(issues: readonly PendingIssue[], threshold = PLACE_THRESHOLD): Map<number, ThemeKey> {
    const out = new Map<number, ThemeKey>();
    for (const issue of issues) {
      const q = queryVector(issue.terms, this.idf);
      const match = q.terms.length ? this.index.nearest(issue.category, q.terms, q.weights, threshold) : null;
      let slot: number;
      if (match) {
        slot = match.slot;
        this.addTo(slot, issue.terms);
      } else {
        const centroid = emptyCentroid();
        addMember(centroid, issue.terms, this.idf);
        slot = this.index.add(issue.category, centroid);
        this.keys.push(this.nextNewKey--);
        this.existing.push(false);
      }
      out.set(issue.id, this.keys[slot]!);
    }
    return out;
  }

  /**
   * Merges near-duplicate themes of one category (centroid cosine ≥ `threshold`), most similar
   * pairs first, re-checking each pair against the grown centroids, until nothing merges.
   * The survivor is an existing theme over a new one, then the larger, then the older.
   */
  mergePass(threshold = MERGE_THRESHOLD): Merge[] {
    const merges: Merge[] = [];
    // Round one compares every theme; later rounds only the themes that grew, since a pair of
    // unchanged themes was already found apart.
    let frontier = this.index.themes.filter((t) => t.alive).map((t) => t.slot);
    for (let round = 0; round < 8 && frontier.length; round++) {
      const pairs: Array<[number, number, number]> = [];
      const inFrontier = new Set(frontier);
      for (const slot of frontier) {
        const theme = this.index.themes[slot]!;
        if (!theme.alive) continue;
        const q = centroidAsQuery(theme.centroid, this.idf);
        for (const m of this.index.within(theme.category, q.terms, q.weights, threshold, theme.slot)) {
          // Each pair once: from its lower slot when both are in the frontier.
          if (!inFrontier.has(m.slot) || m.slot > theme.slot) pairs.push([Math.min(slot, m.slot), Math.max(slot, m.slot), m.similarity]);
        }
      }
      pairs.sort((a, b) => b[2] - a[2] || a[0] - b[0] || a[1] - b[1]);
      const grown = new Set<number>();
      for (const [a, b] of pairs) {
        const ta = this.index.themes[a]!;
        const tb = this.index.themes[b]!;
        if (!ta.alive || !tb.alive) continue; // the next round sees the grown theme
        const q = centroidAsQuery(ta.centroid, this.idf);
        const similarity = cosineToCentroid(q.terms, q.weights, tb.centroid, this.idf);
        if (similarity < threshold) continue;
        const [winner, loser] = this.survivorFirst(a, b);
        this.absorbInto(winner, loser);
        merges.push({ from: this.keys[loser]!, into: this.keys[winner]!, similarity });
        grown.add(winner);
      }
      frontier = [...grown].filter((slot) => this.index.themes[slot]!.alive).sort((x, y) => x - y);
    }
    return merges;
  }

  /** Live themes with their keys and centroids, in creation order. */
  liveThemes(): Array<{ key: ThemeKey; category: string; centroid: Centroid }> {
    return this.index.themes.filter((t) => t.alive).map((t) => ({ key: this.keys[t.slot]!, category: t.category, centroid: t.centroid }));
  }

  private survivorFirst(a: number, b: number): [number, number] {
    if (this.existing[a] !== this.existing[b]) return this.existing[a] ? [a, b] : [b, a];
    const sa = this.index.themes[a]!.centroid.size;
    const sb = this.index.themes[b]!.centroid.size;
    return sb > sa ? [b, a] : [a, b];
  }

  private addTo(slot: number, terms: TermCounts): void {
    addMember(this.index.themes[slot]!.centroid, terms, this.idf);
    this.index.addCounts(slot, terms);
  }

  private absorbInto(winner: number, loser: number): void {
    const into = this.index.themes[winner]!;
    const from = this.index.themes[loser]!;
    absorb(into.centroid, from.centroid, this.idf);
    this.index.addCounts(winner, from.centroid.counts);
    from.alive = false;
  }
}

/** Follows merges from `key` to the theme it now lives in. */
export function resolveKey(key: ThemeKey, merges: readonly Merge[]): ThemeKey {
  const into = new Map(merges.map((m) => [m.from, m.into]));
  let k = key;
  for (let guard = 0; into.has(k) && guard < 10_000; guard++) k = into.get(k)!;
  return k;
}
