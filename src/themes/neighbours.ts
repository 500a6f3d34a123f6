import type { QueryVector } from './term-weights.js';

/** One item's nearest others: indexes into the input and their cosines, best first. */
export interface Neighbours {
  readonly index: Int32Array;
  readonly similarity: Float64Array;
}

interface Posting {
  /** The items holding the term, heaviest weight first (then lower index). */
  items: number[];
  weights: number[];
  /** The largest weight the term has in any item: what walking this posting can add at most. */
  bound: number;
}

/**
 * For each unit vector, the `k` others with the highest cosine ≥ `floor` (ties to the lower
 * index). Exact, through an inverted index walked rarest term first, with max-score pruning: a
 * term's posting is only walked while the terms not yet walked could lift an unseen item past the
 * current k-th best (or `floor`), and before a long posting the candidates found so far are scored,
 * so a common word ("order", "app") is skipped once an item's own rare words have found its
 * neighbours. Pure; about linear in the postings actually walked.
 */
export function nearestNeighbours(vectors: readonly QueryVector[], k: number, floor: number): Neighbours[] {
  // Terms become small integers so that scoring a candidate reads two typed arrays, not maps.
  const ids = new Map<string, number>();
  const termsOf: Int32Array[] = [];
  const weightsOf: Float64Array[] = [];
  const postings: Posting[] = [];
  vectors.forEach((v, i) => {
    const own = new Int32Array(v.terms.length);
    v.terms.forEach((term, t) => {
      let id = ids.get(term);
      if (id === undefined) {
        ids.set(term, (id = postings.length));
        postings.push({ items: [], weights: [], bound: 0 });
      }
      own[t] = id;
      const p = postings[id]!;
      p.items.push(i);
      p.weights.push(v.weights[t]!);
      if (v.weights[t]! > p.bound) p.bound = v.weights[t]!;
    });
    termsOf.push(own);
    weightsOf.push(Float64Array.from(v.weights));
  });
  for (const p of postings) impactOrder(p);

  const query = new Float64Array(postings.length); // the current item's weights, scattered by term
  const seen = new Int32Array(vectors.length).fill(-1);
  return vectors.map((_, i) => {
    const terms = termsOf[i]!;
    const weights = weightsOf[i]!;
    for (let t = 0; t < terms.length; t++) query[terms[t]!] = weights[t]!;
    const top = new TopK(k);
    const score = (other: number) => {
      const theirs = termsOf[other]!;
      const theirWeights = weightsOf[other]!;
      let s = 0;
      for (let t = 0; t < theirs.length; t++) s += query[theirs[t]!]! * theirWeights[t]!;
      if (s >= floor) top.offer(other, s);
    };
    const own = Array.from(terms, (id) => postings[id]!);
    const reach = own.map((p, t) => weights[t]! * p.bound);
    const order = reach.map((_, t) => t).sort((a, b) => own[a]!.items.length - own[b]!.items.length || reach[b]! - reach[a]! || a - b);
    let rest = reach.reduce((sum, r) => sum + r, 0);
    const candidates: number[] = [];
    let scored = 0;
    for (const t of order) {
      if (rest < top.bar(floor) * 0.999) break;
      const posting = own[t]!;
      if (scored < candidates.length && posting.items.length > candidates.length - scored) {
        while (scored < candidates.length) score(candidates[scored++]!);
        if (rest < top.bar(floor) * 0.999) break;
      }
      rest -= reach[t]!;
      // Impact order: an item met only here scores at most weight × its weight + rest, so the
      // walk ends where that falls below the bar (a common word's long tail is never read).
      const bar = top.bar(floor) * 0.999;
      const w = weights[t]!;
      for (let j = 0; j < posting.items.length; j++) {
        if (w * posting.weights[j]! + rest < bar) break;
        const other = posting.items[j]!;
        if (other === i || seen[other] === i) continue;
        seen[other] = i;
        candidates.push(other);
      }
    }
    while (scored < candidates.length) score(candidates[scored++]!);
    for (let t = 0; t < terms.length; t++) query[terms[t]!] = 0;
    return top.result();
  });
}

/** Sorts a posting heaviest first, ties to the lower index. */
function impactOrder(p: Posting): void {
  const order = p.items.map((_, j) => j).sort((a, b) => p.weights[b]! - p.weights[a]! || p.items[a]! - p.items[b]!);
  p.items = order.map((j) => p.items[j]!);
  p.weights = order.map((j) => p.weights[j]!);
}

/** The best k (similarity descending, then index ascending) of what it is offered. */
class TopK {
  private readonly index: Int32Array;
  private readonly sim: Float64Array;
  private count = 0;

  constructor(private readonly k: number) {
    this.index = new Int32Array(k);
    this.sim = new Float64Array(k);
  }

  /** What an offer must reach to be kept: the k-th best once there are k, else `floor`. */
  bar(floor: number): number {
    return this.count === this.k ? Math.max(floor, this.sim[this.k - 1]!) : floor;
  }

  offer(item: number, similarity: number): void {
    let at = this.count;
    while (at > 0 && (this.sim[at - 1]! < similarity || (this.sim[at - 1] === similarity && this.index[at - 1]! > item))) at--;
    if (at >= this.k) return;
    for (let m = Math.min(this.count, this.k - 1); m > at; m--) {
      this.sim[m] = this.sim[m - 1]!;
      this.index[m] = this.index[m - 1]!;
    }
    this.sim[at] = similarity;
    this.index[at] = item;
    if (this.count < this.k) this.count++;
  }

  result(): Neighbours {
    return { index: this.index.slice(0, this.count), similarity: this.sim.slice(0, this.count) };
  }
}
