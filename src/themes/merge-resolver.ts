/**
 * resolveKey (clustering.ts) for many keys over one list of merges: follows merges from a key to
 * the theme it now lives in, with the map from each merged key to its survivor built once instead
 * of once per key. Per key it cost O(merges) for every issue of a run: ~100k maps of every merge
 * at 100k issues. Same answers as resolveKey (the last merge of a key wins, at most 10,000 hops).
 */
export function mergeResolver(merges: ReadonlyArray<{ from: number; into: number }>): (key: number) => number {
  const into = new Map(merges.map((m) => [m.from, m.into]));
  return (key) => {
    let k = key;
    for (let guard = 0; into.has(k) && guard < 10_000; guard++) k = into.get(k)!;
    return k;
  };
}
