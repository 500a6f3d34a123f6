import type { QueryVector } from './term-weights.js';

/**
 * Every item's nearest others, flat: item i's are at [i·k, i·k + count[i]) of `index` (positions
 * in the input) and `similarity` (their cosines), best first. One table, not an object per item,
 * so that reading a neighbour's neighbours is one contiguous read.
 */
export interface Neighbours {
  readonly k: number;
  readonly count: Int32Array;
  readonly index: Int32Array;
  readonly similarity: Float64Array;
  /**
   * Every item once, those sharing their heaviest term together: walking items in this order
   * meets neighbours close in memory (batch-groups.ts reads each neighbour's own neighbours).
   */
  readonly order: Int32Array;
}

/**
 * Every vector and every posting in flat typed arrays (compressed rows). Scoring a candidate
 * reads one contiguous slice instead of following an object per item to its own small arrays:
 * with per-item arrays a 100k-issue run spent most of its time in cache misses, 3× the time per
 * issue of a 10k run for the same number of terms read (bench/themes.mjs).
 *
 * Rows are stored, and visited, in `item` order rather than input order: items sorted by their
 * heaviest term, so that the items a query finds (those sharing its rare words) sit together in
 * memory and the next query, usually a paraphrase of this one, finds them still in cache. At 100k
 * issues the scoring was bound by memory latency (one miss per candidate row, ~150 candidates per
 * query); the order changes where rows live, never which are found, scored or kept.
 */
interface Layout {
  /** Row r holds input item item[r]; its terms and weights are at [rowStart[r], rowStart[r + 1]). */
  item: Int32Array;
  rowStart: Int32Array;
  rowTerm: Int32Array;
  rowWeight: Float64Array;
  /** Term t's posting is at [postStart[t], postStart[t + 1]) (rows), heaviest weight first, then lower item. */
  postStart: Int32Array;
  postRow: Int32Array;
  postWeight: Float64Array;
  /** The largest weight term t has in any item: what walking its posting can add at most. */
  bound: Float64Array;
  /**
   * Rows with the same terms and weights (copies of one text) are one row in the postings: row r
   * stands for the items at [copyStart[r], copyStart[r + 1]) of `copies`, ascending; a row that
   * repeats an earlier one has none and is in no posting.
   */
  copyStart: Int32Array;
  copies: Int32Array;
}

/**
 * For each unit vector, the `k` others with the highest cosine ≥ `floor` (ties to the lower
 * index). Exact, through an inverted index walked rarest term first, with max-score pruning: a
 * term's posting is only walked while the terms not yet walked could lift an unseen item past the
 * current k-th best (or `floor`), and before a long posting the candidates found so far are scored,
 * so a common word ("order", "app") is skipped once an item's own rare words have found its
 * neighbours. Pure; linear in the postings walked and the terms of the candidates scored.
 */
export function nearestNeighbours(vectors: readonly QueryVector[], k: number, floor: number): Neighbours {
  const n = vectors.length;
  k = Math.max(0, k);
  if (k === 0) return { k, count: new Int32Array(n), index: new Int32Array(0), similarity: new Float64Array(0), order: Int32Array.from({ length: n }, (_, i) => i) };
  const { item, rowStart, rowTerm, rowWeight, postStart, postRow, postWeight, bound, copyStart, copies } = layout(vectors);
  const out: Neighbours = { k, count: new Int32Array(n), index: new Int32Array(n * k), similarity: new Float64Array(n * k), order: item };
  const query = new Float64Array(bound.length); // the current item's weights, scattered by term
  const seen = new Int32Array(n).fill(-1); // by row: the last query row that found it
  // One query per distinct row, answered for all its copies: the best k + 1 of every item (its
  // own copies included), from which each copy drops itself. A text written thousands of times
  // was a query per copy walking a posting of every copy, quadratic (40k copies of one title
  // took 34 s); now its copies fill the top at once and the bar stops the walk.
  const top = new TopK(k + 1);
  let candidates = new Int32Array(256); // rows
  // The current row's entries in walking order, and what each can add (by entry - from): reused,
  // since a query has a handful of terms and two arrays, a sort and a closure per query added up.
  let order = new Int32Array(16);
  let reach = new Float64Array(16);
  for (let r = 0; r < n; r++) {
    if (copyStart[r] === copyStart[r + 1]) continue; // a copy of an earlier row, answered with it
    const from = rowStart[r]!;
    const to = rowStart[r + 1]!;
    top.clear();
    if (to - from > order.length) {
      order = new Int32Array((to - from) * 2);
      reach = new Float64Array((to - from) * 2);
    }
    let rest = 0;
    for (let e = from; e < to; e++) {
      const term = rowTerm[e]!;
      query[term] = rowWeight[e]!;
      reach[e - from] = rowWeight[e]! * bound[term]!;
      rest += reach[e - from]!;
      // Insertion sort into walking order: shortest posting first, then the larger reach, then
      // the earlier entry (a total order: the order a comparison sort gives).
      const length = postStart[term + 1]! - postStart[term]!;
      let at = e - from;
      while (at > 0) {
        const prev = order[at - 1]!;
        const prevLength = postStart[rowTerm[prev]! + 1]! - postStart[rowTerm[prev]!]!;
        if (prevLength < length || (prevLength === length && reach[prev - from]! >= reach[e - from]!)) break;
        order[at] = prev;
        at--;
      }
      order[at] = e;
    }
    let found = 0;
    let scored = 0;
    for (let o = 0; o < to - from; o++) {
      const e = order[o]!;
      if (rest < top.bar(floor) * 0.999) break;
      const postFrom = postStart[rowTerm[e]!]!;
      const postTo = postStart[rowTerm[e]! + 1]!;
      if (scored < found && postTo - postFrom > found - scored) {
        scored = scoreRows(candidates, scored, found, query, rowStart, rowTerm, rowWeight, copyStart, copies, floor, top);
        if (rest < top.bar(floor) * 0.999) break;
      }
      rest -= reach[e - from]!;
      // Impact order: an item met only here scores at most weight × its weight + rest, so the
      // walk ends where that falls below the bar (a common word's long tail is never read).
      const bar = top.bar(floor) * 0.999;
      const w = rowWeight[e]!;
      for (let j = postFrom; j < postTo; j++) {
        if (w * postWeight[j]! + rest < bar) break;
        const other = postRow[j]!;
        if (seen[other] === r) continue; // r itself is a candidate: its copies are each other's
        seen[other] = r;
        if (found === candidates.length) {
          const grown = new Int32Array(found * 2);
          grown.set(candidates);
          candidates = grown;
        }
        candidates[found++] = other;
      }
    }
    scoreRows(candidates, scored, found, query, rowStart, rowTerm, rowWeight, copyStart, copies, floor, top);
    for (let e = from; e < to; e++) query[rowTerm[e]!] = 0;
    for (let c = copyStart[r]!; c < copyStart[r + 1]!; c++) out.count[copies[c]!] = top.copyTo(out, copies[c]!, k);
  }
  return out;
}

/**
 * Scores candidate rows [scored, found) against the scattered query into `top`; returns `found`.
 * Only a score that reaches the bar is offered (one below it changes nothing, a tie may still win
 * by its lower index): most of the ~150 candidates per query fall short once the top is full.
 */
function scoreRows(
  candidates: Int32Array, scored: number, found: number, query: Float64Array,
  rowStart: Int32Array, rowTerm: Int32Array, rowWeight: Float64Array, copyStart: Int32Array, copies: Int32Array, floor: number, top: TopK,
): number {
  let bar = top.bar(floor);
  for (; scored < found; scored++) {
    const other = candidates[scored]!;
    let s = 0;
    for (let e = rowStart[other]!, end = rowStart[other + 1]!; e < end; e++) s += query[rowTerm[e]!]! * rowWeight[e]!;
    if (s >= bar) {
      // Its copies score alike and come in ascending order: once one is turned away, so is the rest.
      for (let c = copyStart[other]!; c < copyStart[other + 1]! && top.offer(copies[c]!, s); c++);
      bar = top.bar(floor);
    }
  }
  return found;
}

function layout(vectors: readonly QueryVector[]): Layout {
  const n = vectors.length;
  const ids = new Map<string, number>();
  // Term ids in order of first use; how many rows hold each is counted below, over distinct rows.
  let termCount = 0;
  const heaviest = new Int32Array(n).fill(-1);
  let entries = 0;
  for (const v of vectors) entries += v.terms.length;
  // Each entry's term id, in input order (one lookup per entry, reused when the rows are filled).
  const inputTerm = new Int32Array(entries);
  const inputStart = new Int32Array(n + 1);
  vectors.forEach((v, i) => {
    const from = inputStart[i]!;
    for (let t = 0; t < v.terms.length; t++) {
      const term = v.terms[t]!;
      let id = ids.get(term);
      if (id === undefined) ids.set(term, (id = termCount++));
      inputTerm[from + t] = id;
    }
    if (v.terms.length) heaviest[i] = inputTerm[from]!; // terms come heaviest first
    inputStart[i + 1] = from + v.terms.length;
  });
  const item = byHeaviestTerm(heaviest, termCount);
  const rowStart = new Int32Array(n + 1);
  const rowTerm = new Int32Array(entries);
  const rowWeight = new Float64Array(entries);
  for (let r = 0; r < n; r++) {
    const v = vectors[item[r]!]!;
    const from = rowStart[r]!;
    const input = inputStart[item[r]!]!;
    for (let t = 0; t < v.terms.length; t++) {
      rowTerm[from + t] = inputTerm[input + t]!;
      rowWeight[from + t] = v.weights[t]!;
    }
    rowStart[r + 1] = from + v.terms.length;
  }
  const rowOfItem = new Int32Array(n);
  for (let r = 0; r < n; r++) rowOfItem[item[r]!] = r;
  const { copyStart, copies } = copiesOf(rowOfItem, rowStart, rowTerm, rowWeight);
  const distinct = (r: number) => copyStart[r] !== copyStart[r + 1];
  // Postings hold the rows that stand for their copies, one per distinct text.
  const postStart = new Int32Array(termCount + 1);
  for (let r = 0; r < n; r++) if (distinct(r)) for (let e = rowStart[r]!; e < rowStart[r + 1]!; e++) postStart[rowTerm[e]! + 1]!++;
  for (let t = 0; t < termCount; t++) postStart[t + 1]! += postStart[t]!;
  const postings = postStart[termCount]!;
  // Row entries grouped by term, each group filled in input order (item ascending), so that a
  // stable sort by weight alone leaves ties in item order: the (weight, item) order without
  // reading two arrays per comparison of ~500k entries.
  const byTerm = new Int32Array(postings);
  const rowOf = new Int32Array(entries);
  const fill = postStart.slice(0, termCount);
  for (let i = 0; i < n; i++) {
    const r = rowOfItem[i]!;
    if (!distinct(r)) continue;
    for (let e = rowStart[r]!; e < rowStart[r + 1]!; e++) {
      byTerm[fill[rowTerm[e]!]!++] = e;
      rowOf[e] = r;
    }
  }
  const postRow = new Int32Array(postings);
  const postWeight = new Float64Array(postings);
  const bound = new Float64Array(termCount);
  const posting: number[] = []; // reused; copied by hand (Array.from of a view was a third of this)
  for (let t = 0; t < termCount; t++) {
    posting.length = 0;
    for (let j = postStart[t]!; j < postStart[t + 1]!; j++) posting.push(byTerm[j]!);
    if (posting.length > 1) posting.sort((a, b) => rowWeight[b]! - rowWeight[a]!); // stable (ES2019)
    posting.forEach((e, j) => {
      postRow[postStart[t]! + j] = rowOf[e]!;
      postWeight[postStart[t]! + j] = rowWeight[e]!;
    });
    bound[t] = posting.length ? rowWeight[posting[0]!]! : 0;
  }
  return { item, rowStart, rowTerm, rowWeight, postStart, postRow, postWeight, bound, copyStart, copies };
}

/**
 * Which rows repeat another (the same terms with the same weights: copies of one text), through
 * an open-addressing table keyed on each row's content. The row of the lowest item of each text
 * stands for all of them: its copies, ascending, are at [copyStart[r], copyStart[r + 1]) of
 * `copies`; every other row's range is empty.
 */
function copiesOf(rowOfItem: Int32Array, rowStart: Int32Array, rowTerm: Int32Array, rowWeight: Float64Array): { copyStart: Int32Array; copies: Int32Array } {
  const n = rowOfItem.length;
  let size = 16;
  while (size < 2 * n) size *= 2;
  const table = new Int32Array(size).fill(-1);
  const standsFor = new Int32Array(n); // row → the row that stands for it
  const copyStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    const r = rowOfItem[i]!;
    for (let h = hashRow(r, rowStart, rowTerm, rowWeight) & (size - 1); ; h = (h + 1) & (size - 1)) {
      const q = table[h]!;
      if (q < 0) {
        table[h] = standsFor[r] = r; // the first of its text, items being visited in ascending order
        break;
      }
      if (sameRow(q, r, rowStart, rowTerm, rowWeight)) {
        standsFor[r] = q;
        break;
      }
    }
    copyStart[standsFor[r]! + 1]!++;
  }
  for (let r = 0; r < n; r++) copyStart[r + 1]! += copyStart[r]!;
  const fill = copyStart.slice(0, n);
  const copies = new Int32Array(n);
  for (let i = 0; i < n; i++) copies[fill[standsFor[rowOfItem[i]!]!]!++] = i;
  return { copyStart, copies };
}

const weightBits = new Float64Array(1);
const weightWords = new Int32Array(weightBits.buffer);

function hashRow(r: number, rowStart: Int32Array, rowTerm: Int32Array, rowWeight: Float64Array): number {
  let h = Math.imul(rowStart[r + 1]! - rowStart[r]!, 0x9e3779b1);
  for (let e = rowStart[r]!; e < rowStart[r + 1]!; e++) {
    weightBits[0] = rowWeight[e]!;
    h = Math.imul(h ^ rowTerm[e]!, 0x85ebca6b);
    h = Math.imul(h ^ weightWords[0]!, 0xc2b2ae35);
    h = Math.imul(h ^ weightWords[1]!, 0x27d4eb2f);
    h ^= h >>> 15;
  }
  return h >>> 0;
}

function sameRow(a: number, b: number, rowStart: Int32Array, rowTerm: Int32Array, rowWeight: Float64Array): boolean {
  const length = rowStart[a + 1]! - rowStart[a]!;
  if (rowStart[b + 1]! - rowStart[b]! !== length) return false;
  for (let x = 0; x < length; x++) {
    if (rowTerm[rowStart[a]! + x] !== rowTerm[rowStart[b]! + x] || rowWeight[rowStart[a]! + x] !== rowWeight[rowStart[b]! + x]) return false;
  }
  return true;
}

/**
 * Input positions 0..n-1 ordered by `heaviest` (a term id, or -1 for an empty vector: first), then
 * by position: a counting sort, linear, where a comparator sort of 100k positions was not.
 */
function byHeaviestTerm(heaviest: Int32Array, terms: number): Int32Array {
  const start = new Int32Array(terms + 2); // bucket of term id h is h + 1
  for (let i = 0; i < heaviest.length; i++) start[heaviest[i]! + 2]!++;
  for (let b = 1; b < start.length; b++) start[b]! += start[b - 1]!;
  const out = new Int32Array(heaviest.length);
  for (let i = 0; i < heaviest.length; i++) out[start[heaviest[i]! + 1]!++] = i;
  return out;
}

/** The best k (similarity descending, then index ascending) of what it is offered; reusable. */
class TopK {
  private readonly index: Int32Array;
  private readonly sim: Float64Array;
  private count = 0;

  constructor(private readonly k: number) {
    this.index = new Int32Array(k);
    this.sim = new Float64Array(k);
  }

  clear(): void {
    this.count = 0;
  }

  /** What an offer must reach to be kept: the k-th best once there are k, else `floor`. */
  bar(floor: number): number {
    return this.count === this.k ? Math.max(floor, this.sim[this.k - 1]!) : floor;
  }

  /** Keeps (item, similarity) if it is among the best k so far; returns whether it was kept. */
  offer(item: number, similarity: number): boolean {
    let at = this.count;
    while (at > 0 && (this.sim[at - 1]! < similarity || (this.sim[at - 1] === similarity && this.index[at - 1]! > item))) at--;
    if (at >= this.k) return false;
    for (let m = Math.min(this.count, this.k - 1); m > at; m--) {
      this.sim[m] = this.sim[m - 1]!;
      this.index[m] = this.index[m - 1]!;
    }
    this.sim[at] = similarity;
    this.index[at] = item;
    if (this.count < this.k) this.count++;
    return true;
  }

  /**
   * Writes the best `limit` other than `self` into `out` from position self · out.k; returns how
   * many. With one more kept than `limit`, that is exactly the best `limit` of everything but self.
   */
  copyTo(out: Neighbours, self: number, limit: number): number {
    // A loop, not set(subarray()): two views made per query cost more than the copy.
    const at = self * out.k;
    let written = 0;
    for (let m = 0; m < this.count && written < limit; m++) {
      if (this.index[m] === self) continue;
      out.index[at + written] = this.index[m]!;
      out.similarity[at + written++] = this.sim[m]!;
    }
    return written;
  }
}
