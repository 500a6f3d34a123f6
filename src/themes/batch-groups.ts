import { averageLinkage } from './average-linkage.js';
import { nearestNeighbours, type Neighbours } from './neighbours.js';
import type { QueryVector } from './term-weights.js';

/** One new issue as the batch clustering sees it: its category and unit TF-IDF vector. */
export interface BatchItem {
  category: string;
  vector: QueryVector;
}

/**
 * Tuned on the shared labelled sets and the own corpora together (bench/themes-real.mjs):
 * - LINK_THRESHOLD: the mean pairwise similarity at which two groups stop joining.
 * - NEIGHBOUR_FLOOR: the least cosine for a neighbour at all.
 * - WORDS_SHARE: how much of a pair's similarity is their shared words; the rest is how many
 *   nearest neighbours they share, which links paraphrases that share no word but are both
 *   close to the same third texts ("stolen card" and "card taken" both near "card stolen").
 * - CROSS_CATEGORY: a pair named with two categories counts this fraction of its similarity, so
 *   a problem the model filed two ways still groups when its words agree strongly, while
 *   unrelated problems that merely share a word stay apart.
 */
export const LINK_THRESHOLD = 0.08;
export const NEIGHBOUR_FLOOR = 0.1;
export const WORDS_SHARE = 0.5;
export const CROSS_CATEGORY = 0.3;

/**
 * How many nearest neighbours each issue links to: about √n / 3, from 3 to 20, so a handful of
 * new issues compares to each other and a large backfill still finds the dozens of paraphrases of
 * a common problem without the graph growing quadratically.
 */
export function neighbourCount(n: number): number {
  return Math.round(Math.min(20, Math.max(3, Math.sqrt(n) / 3)));
}

/**
 * Groups one run's new issues among themselves before any of them meets an existing theme, so
 * arrival order matters little: average-linkage agglomeration over each issue's nearest
 * neighbours (cosine of TF-IDF vectors blended with shared-neighbour overlap). Returns groups of
 * indexes into `items`, each ascending, ordered by their first index, and the neighbour table the
 * groups were built from (placement looks only among the themes of an issue's neighbours).
 * Deterministic; pure.
 */
export function batchGroups(items: readonly BatchItem[]): { groups: number[][]; neighbours: Neighbours } {
  const vectors = items.map((item) => item.vector);
  const neighbours = nearestNeighbours(vectors, neighbourCount(items.length), NEIGHBOUR_FLOOR);
  const { k, count, index, similarity, order } = neighbours;
  const categoryIds = new Map<string, number>();
  const category = Int32Array.from(items, (item) => {
    let id = categoryIds.get(item.category);
    if (id === undefined) categoryIds.set(item.category, (id = categoryIds.size));
    return id;
  });
  // Item a's edges are at [edgeStart[a], edgeStart[a + 1]), one per neighbour, in neighbour order.
  const edgeStart = new Int32Array(items.length + 1);
  for (let a = 0; a < items.length; a++) edgeStart[a + 1] = edgeStart[a]! + count[a]!;
  const total = edgeStart[items.length]!;
  const edges = { a: new Int32Array(total), b: new Int32Array(total), weight: new Float64Array(total) };
  // A "circle" is an issue and its nearest neighbours; `mark` holds the current issue's circle
  // so that counting what a neighbour's circle shares with it costs k lookups, no set per issue.
  // Issues are visited in `order` (similar issues together), not input order: a neighbour's list
  // and marks were then read moments ago for its paraphrases, rather than fetched from anywhere
  // in 8 MB of neighbour table (at 100k issues these misses were most of this loop's time).
  const mark = new Int32Array(items.length).fill(-1);
  for (const a of order) {
    const from = a * k;
    mark[a] = a;
    for (let j = from; j < from + count[a]!; j++) mark[index[j]!] = a;
    for (let j = from, e = edgeStart[a]!; j < from + count[a]!; j++, e++) {
      const b = index[j]!;
      let shared = 1; // b itself is in a's circle
      for (let x = b * k; x < b * k + count[b]!; x++) if (mark[index[x]!] === a) shared++;
      shared /= Math.sqrt((count[a]! + 1) * (count[b]! + 1));
      let weight = WORDS_SHARE * similarity[j]! + (1 - WORDS_SHARE) * shared;
      if (category[a] !== category[b]) weight *= CROSS_CATEGORY;
      edges.a[e] = a;
      edges.b[e] = b;
      edges.weight[e] = weight;
    }
  }
  const root = averageLinkage(items.length, edges, LINK_THRESHOLD);
  const groups = new Map<number, number[]>();
  root.forEach((r, i) => {
    let g = groups.get(r);
    if (!g) groups.set(r, (g = []));
    g.push(i);
  });
  return { groups: [...groups.values()], neighbours };
}
