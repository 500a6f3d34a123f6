/** A weighted, undirected edge between two items. */
export interface Edge {
  a: number;
  b: number;
  weight: number;
}

/** Edges as three parallel typed arrays: millions of edge objects cost more to allocate than to use. */
export interface EdgeList {
  readonly a: Int32Array;
  readonly b: Int32Array;
  readonly weight: Float64Array;
}

export function edgeList(edges: readonly Edge[]): EdgeList {
  return {
    a: Int32Array.from(edges, (e) => e.a),
    b: Int32Array.from(edges, (e) => e.b),
    weight: Float64Array.from(edges, (e) => e.weight),
  };
}

/**
 * Agglomerative clustering with average linkage over a sparse similarity graph: joins clusters
 * while some pair's mean pairwise similarity reaches `threshold`. Pairs without an edge count as
 * similarity 0 (the graph holds each item's nearest neighbours; pairs outside it are far apart).
 * Returns, for each of the `n` items, the lowest item index of its cluster. Pure, deterministic.
 *
 * The nearest-neighbour chain algorithm: follow each cluster to its most similar neighbour until
 * two clusters are each other's nearest, and join them. Average linkage is reducible (a join never
 * brings the joined cluster closer to a third than the nearer of its parts was), so this makes the
 * same joins as always joining the globally closest pair, and a cluster whose every link is below
 * the threshold is final. Ties go to the chain's previous cluster, then to the lower first member.
 * Each cluster keeps Σ similarity to each neighbouring cluster (below), so no average is ever
 * recomputed from items. Those sums are added up in a different order on each side of a pair, so
 * averages that are equal (copies of one title link alike) can differ in their last bit, and
 * both things the chain relies on must hold without exact arithmetic: a chain that comes back to
 * a cluster on it joins its last two instead (one of the joins an exact tie allows), and a
 * cluster found final is never a candidate again.
 */
export function averageLinkage(n: number, edges: EdgeList, threshold: number): Int32Array {
  const lists = new LinkLists(n, edges);
  const size = new Int32Array(n).fill(1);
  const first = Int32Array.from({ length: n }, (_, i) => i); // lowest member of the cluster in slot i
  const done = new Uint8Array(n); // joined away, or final
  const chain: number[] = [];
  const onChain = new Uint8Array(n);
  let next = 0; // lowest slot that may still be open
  for (;;) {
    if (!chain.length) {
      while (next < n && done[next]) next++;
      if (next >= n) break;
      chain.push(next);
      onChain[next] = 1;
    }
    const a = chain[chain.length - 1]!;
    const prev = chain.length > 1 ? chain[chain.length - 2]! : -1;
    lists.compact(a, false);
    let best = -1;
    let bestLink = -1;
    for (let e = lists.start[a]!, end = e + lists.length[a]!; e < end; e++) {
      const x = lists.to[e]!;
      // A final cluster stays final: every link of it was below the threshold (see above). Read
      // from this side, rounding could put one just above, and the chain went to it and back to
      // a for ever.
      if (done[x]) continue;
      const l = lists.sum[e]! / (size[a]! * size[x]!);
      if (l > bestLink || (l === bestLink && x !== best && (x === prev || (best !== prev && first[x]! < first[best]!)))) {
        best = x;
        bestLink = l;
      }
    }
    if (best < 0 || bestLink < threshold) {
      done[a] = 1; // every link below the threshold, now and after any later join
      chain.pop();
      onChain[a] = 0;
      continue;
    }
    // best already on the chain but not prev: a loop of links equal up to rounding (see above),
    // in which a and prev are as near each other as anything is; without this the chain grew
    // until the process ran out of memory.
    if (best !== prev && !onChain[best]) {
      chain.push(best);
      onChain[best] = 1;
      continue;
    }
    chain.pop();
    chain.pop();
    onChain[a] = 0;
    onChain[prev] = 0;
    const [keep, gone] = lists.length[a]! >= lists.length[prev]! ? [a, prev] : [prev, a];
    lists.join(keep, gone);
    done[gone] = 1;
    size[keep]! += size[gone]!;
    first[keep] = Math.min(first[keep]!, first[gone]!);
  }
  return Int32Array.from({ length: n }, (_, i) => first[lists.slotOf(i)]!);
}

/**
 * Each cluster's list of (item or cluster it links to, Σ similarity), all in one growable pair
 * of typed arrays. A join appends the shorter list to the longer and does nothing else: an entry
 * naming a cluster that has since been joined resolves through `owner`, and compacting a list
 * sums the entries that now name the same cluster. So a join never visits third clusters, and no
 * per-cluster map exists (100k maps of ~40 entries cost more in memory traffic than the joins).
 */
class LinkLists {
  to: Int32Array;
  sum: Float64Array;
  readonly start: Int32Array;
  readonly length: Int32Array;
  private readonly capacity: Int32Array;
  private readonly owner: Int32Array; // item → the slot it was joined into (itself while a root)
  private readonly stamp: Int32Array;
  private readonly at: Int32Array;
  private used: number;
  private scans = 0;

  constructor(n: number, edges: EdgeList) {
    const degree = new Int32Array(n);
    for (let e = 0; e < edges.a.length; e++) {
      if (edges.a[e] === edges.b[e] || !(edges.weight[e]! > 0)) continue;
      degree[edges.a[e]!]!++;
      degree[edges.b[e]!]!++;
    }
    this.start = new Int32Array(n);
    for (let i = 1; i < n; i++) this.start[i] = this.start[i - 1]! + degree[i - 1]!;
    this.used = n ? this.start[n - 1]! + degree[n - 1]! : 0;
    // Room for the lists that joins copy to the end (move): at 100k issues they took a fifth more
    // (4.0M → 4.8M entries); twice the edges zero-filled 38 MB that no join ever used. Growing
    // past this copies once, as before.
    this.to = new Int32Array(Math.max(16, this.used + (this.used >> 2)));
    this.sum = new Float64Array(this.to.length);
    this.length = new Int32Array(n);
    this.capacity = degree;
    for (let e = 0; e < edges.a.length; e++) {
      const a = edges.a[e]!;
      const b = edges.b[e]!;
      if (a === b || !(edges.weight[e]! > 0)) continue;
      this.push(a, b, edges.weight[e]!);
      this.push(b, a, edges.weight[e]!);
    }
    this.owner = Int32Array.from({ length: n }, (_, i) => i);
    this.stamp = new Int32Array(n).fill(-1);
    this.at = new Int32Array(n);
    // Two edges for one pair (a→b and b→a) are one similarity, not two.
    for (let i = 0; i < n; i++) this.compact(i, true);
  }

  slotOf(i: number): number {
    let s = i;
    while (this.owner[s] !== s) s = this.owner[s]!;
    for (let j = i; this.owner[j] !== s; ) {
      const up = this.owner[j]!;
      this.owner[j] = s;
      j = up;
    }
    return s;
  }

  /**
   * Rewrites slot a's list with one entry per live cluster. `initial`: before any join, where every
   * entry names a root already (no lookups: 4M of them at 100k issues) and duplicates are the two
   * directions of one edge, whose max is kept; otherwise entries are resolved and summed.
   */
  compact(a: number, initial: boolean): void {
    const scan = this.scans++;
    const from = this.start[a]!;
    let len = 0;
    for (let e = from, end = from + this.length[a]!; e < end; e++) {
      const r = initial ? this.to[e]! : this.slotOf(this.to[e]!);
      if (r === a) continue;
      if (this.stamp[r] !== scan) {
        this.stamp[r] = scan;
        this.at[r] = from + len;
        this.to[from + len] = r;
        this.sum[from + len++] = this.sum[e]!;
      } else {
        const w = this.sum[e]!;
        const k = this.at[r]!;
        this.sum[k] = initial ? Math.max(this.sum[k]!, w) : this.sum[k]! + w;
      }
    }
    this.length[a] = len;
  }

  /** Moves `gone`'s entries onto `keep`'s list and points `gone` at `keep`. */
  join(keep: number, gone: number): void {
    const need = this.length[keep]! + this.length[gone]!;
    if (need > this.capacity[keep]!) this.move(keep, need * 2);
    for (let e = this.start[gone]!, end = e + this.length[gone]!; e < end; e++) this.push(keep, this.to[e]!, this.sum[e]!);
    this.length[gone] = 0;
    this.owner[gone] = keep;
  }

  private push(slot: number, to: number, sum: number): void {
    const e = this.start[slot]! + this.length[slot]!++;
    this.to[e] = to;
    this.sum[e] = sum;
  }

  /** Copies a list to the end of the arrays with room for `capacity` entries (its old space is left). */
  private move(slot: number, capacity: number): void {
    if (this.used + capacity > this.to.length) {
      const size = Math.max(this.to.length * 2, this.used + capacity);
      const to = new Int32Array(size);
      const sum = new Float64Array(size);
      to.set(this.to.subarray(0, this.used));
      sum.set(this.sum.subarray(0, this.used));
      this.to = to;
      this.sum = sum;
    }
    this.to.copyWithin(this.used, this.start[slot]!, this.start[slot]! + this.length[slot]!);
    this.sum.copyWithin(this.used, this.start[slot]!, this.start[slot]! + this.length[slot]!);
    this.start[slot] = this.used;
    this.capacity[slot] = capacity;
    this.used += capacity;
  }
}
