/**
 * Follows merges from a key to the theme it now lives in, for many keys over one list of merges:
 * the map from each merged key to its survivor is built once, not once per key (per key it cost
 * O(merges) for every issue of a run: ~100k maps of every merge at 100k issues). The last merge
 * of a key wins; at most 10,000 hops.
 */
export function mergeResolver(merges: ReadonlyArray<{ from: number; into: number }>): (key: number) => number {
  const into = new Map(merges.map((m) => [m.from, m.into]));
  return (key) => {
    let k = key;
    for (let guard = 0; into.has(k) && guard < 10_000; guard++) k = into.get(k)!;
    return k;
  };
}
