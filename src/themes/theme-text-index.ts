import { buildIdf, queryVector, type Idf } from './term-weights.js';
import type { TermCounts } from './tokenize.js';

/** A theme as text: its id and the terms of its title, component and keywords. */
export interface ThemeText {
  id: number;
  terms: TermCounts;
}

export interface ThemeHit {
  id: number;
  similarity: number;
}

/**
 * Cosine similarity between free text and a fixed set of themes, through an inverted index over
 * the themes' terms (TF-IDF with the IDF of the themes themselves, so a word every theme shares
 * weighs little). Built once per run; every query then costs the postings of its own terms, never
 * a pass over all themes or any issue. Pure and deterministic: ties go to the lower id.
 */
export class ThemeTextIndex {
  readonly idf: Idf;
  private readonly ids: number[] = [];
  private readonly postings = new Map<string, Array<[slot: number, weight: number]>>();
  private readonly vectors: Array<Map<string, number>> = [];

  constructor(themes: readonly ThemeText[]) {
    const sorted = [...themes].sort((a, b) => a.id - b.id);
    this.idf = buildIdf(sorted.map((t) => t.terms));
    for (const theme of sorted) {
      const slot = this.ids.length;
      this.ids.push(theme.id);
      const v = queryVector(theme.terms, this.idf);
      const vector = new Map<string, number>();
      v.terms.forEach((term, i) => {
        vector.set(term, v.weights[i]!);
        let list = this.postings.get(term);
        if (!list) this.postings.set(term, (list = []));
        list.push([slot, v.weights[i]!]);
      });
      this.vectors.push(vector);
    }
  }

  get size(): number {
    return this.ids.length;
  }

  /**
   * The `k` themes most similar to `terms` with cosine > `minSimilarity`, most similar first
   * (ties: lower id first); `exclude` leaves one theme id out. Reads only.
   */
  nearest(terms: TermCounts, k: number, minSimilarity = 0, exclude = -1): ThemeHit[] {
    if (k <= 0 || this.ids.length === 0) return [];
    const q = queryVector(terms, this.idf);
    const scores = new Map<number, number>();
    q.terms.forEach((term, i) => {
      const list = this.postings.get(term);
      if (!list) return;
      const w = q.weights[i]!;
      for (const [slot, weight] of list) scores.set(slot, (scores.get(slot) ?? 0) + w * weight);
    });
    const hits: ThemeHit[] = [];
    for (const [slot, similarity] of scores) {
      const id = this.ids[slot]!;
      if (id !== exclude && similarity > minSimilarity) hits.push({ id, similarity });
    }
    hits.sort((a, b) => b.similarity - a.similarity || a.id - b.id);
    return hits.slice(0, k);
  }

  /** Cosine between two indexed themes (0 when either is unknown). */
  similarity(a: number, b: number): number {
    const va = this.vectors[this.slotOf(a)];
    const vb = this.vectors[this.slotOf(b)];
    if (!va || !vb) return 0;
    let dot = 0;
    for (const [term, w] of va) dot += w * (vb.get(term) ?? 0);
    return dot;
  }

  private slotOf(id: number): number {
    // ids are sorted: binary search instead of a second map.
    let lo = 0;
    let hi = this.ids.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = this.ids[mid]!;
      if (v === id) return mid;
      if (v < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }
}
