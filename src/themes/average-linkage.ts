/** A weighted, undirected edge between two items. */
export interface Edge {
  a: number;
  b: number;
  weight: number;
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
 * Each cluster keeps Σ similarity to each neighbouring cluster; a join adds the smaller map into
 * the larger, so no average is ever recomputed from items.
 */
export function averageLinkage(n: number, edges: readonly Edge[], threshold: number): Int32Array {
  const links: Array<Map<number, number>> = Array.from({ length: n }, () => new Map());
  for (const { a, b, weight } of edges) {
    if (a === b || weight <= 0) continue;
    const w = Math.max(links[a]!.get(b) ?? 0, weight);
    links[a]!.set(b, w);
    links[b]!.set(a, w);
  }
  const size = new Int32Array(n).fill(1);
  const first = Int32Array.from({ length: n }, (_, i) => i); // lowest member of the cluster in slot i
  const done = new Uint8Array(n); // joined away, or final
  const owner = Int32Array.from({ length: n }, (_, i) => i); // item → slot it was joined into
  const chain: number[] = [];
  let next = 0; // lowest slot that may still be open

  for (;;) {
    if (!chain.length) {
      while (next < n && done[next]) next++;
      if (next >= n) break;
      chain.push(next);
    }
    const a = chain[chain.length - 1]!;
    const prev = chain.length > 1 ? chain[chain.length - 2]! : -1;
    let best = -1;
    let bestLink = -1;
    for (const [x, w] of links[a]!) {
      const l = w / (size[a]! * size[x]!);
      if (l > bestLink || (l === bestLink && x !== best && (x === prev || (best !== prev && first[x]! < first[best]!)))) {
        best = x;
        bestLink = l;
      }
    }
    if (best < 0 || bestLink < threshold) {
      done[a] = 1; // every link below the threshold, now and after any later join
      chain.pop();
      continue;
    }
    if (best !== prev) {
      chain.push(best);
      continue;
    }
    chain.pop();
    chain.pop();
    join(a, prev);
  }

  function join(x: number, y: number): void {
    const [keep, gone] = links[x]!.size >= links[y]!.size ? [x, y] : [y, x];
    const kept = links[keep]!;
    kept.delete(gone);
    for (const [z, w] of links[gone]!) {
      if (z === keep) continue;
      const sum = (kept.get(z) ?? 0) + w;
      kept.set(z, sum);
      const theirs = links[z]!;
      theirs.delete(gone);
      theirs.set(keep, sum);
    }
    links[gone] = new Map();
    done[gone] = 1;
    owner[gone] = keep;
    size[keep]! += size[gone]!;
    first[keep] = Math.min(first[keep]!, first[gone]!);
  }

  const slotOf = (i: number): number => {
    let s = i;
    while (owner[s] !== s) s = owner[s]!;
    for (let j = i; owner[j] !== s; ) {
      const up = owner[j]!;
      owner[j] = s;
      j = up;
    }
    return s;
  };
  return Int32Array.from({ length: n }, (_, i) => first[slotOf(i)]!);
}
