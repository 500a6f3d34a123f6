import { ThemeTextIndex } from './theme-text-index.js';
import { themeTerms, type ThemeRow } from './theme-shortlist.js';

/**
 * Which live themes might be one problem told twice: chosen locally, by the cosine of their
 * titles, components and keywords, across categories (a problem named under two categories is
 * exactly what the local clustering cannot join). Claude then judges each group. Pure.
 */

/** Loose on purpose: Claude rejects false candidates; a pair never shown can never be joined. */
export const CANDIDATE_SIMILARITY = 0.2;
/** Neighbours looked at per theme. */
const NEIGHBOURS = 5;
/** A group stays small enough to judge at a glance. */
export const MAX_GROUP_SIZE = 8;
/** Themes shown per call (the bound). */
export const MAX_THEMES_PER_CONSOLIDATION_CALL = 300;

/** Groups of candidate near-duplicates (each ≥ 2 theme ids, ascending), and the index that found them. */
export interface Candidates {
  groups: number[][];
  index: ThemeTextIndex;
}

/**
 * Links each theme to its nearest neighbours at cosine ≥ `threshold`, then joins linked themes
 * into groups, most similar links first, never past MAX_GROUP_SIZE (so a chain of loosely similar
 * themes cannot become one huge group). Deterministic: ties go to lower ids; groups come out
 * ordered by their smallest id.
 */
export function consolidationCandidates(themes: readonly ThemeRow[], threshold = CANDIDATE_SIMILARITY): Candidates {
  const index = new ThemeTextIndex(themes.map((t) => ({ id: t.id, terms: themeTerms(t) })));
  const links: Array<[a: number, b: number, similarity: number]> = [];
  const seen = new Set<string>();
  for (const theme of themes) {
    for (const hit of index.nearest(themeTerms(theme), NEIGHBOURS, threshold - 1e-9, theme.id)) {
      const [a, b] = theme.id < hit.id ? [theme.id, hit.id] : [hit.id, theme.id];
      const key = `${a}:${b}`;
      if (seen.has(key)) continue;
      seen.add(key);
      links.push([a, b, hit.similarity]);
    }
  }
  links.sort((x, y) => y[2] - x[2] || x[0] - y[0] || x[1] - y[1]);
  const parent = new Map<number, number>();
  const size = new Map<number, number>();
  const root = (id: number): number => {
    let r = id;
    while (parent.has(r)) r = parent.get(r)!;
    let k = id;
    while (parent.has(k)) {
      const next = parent.get(k)!;
      if (next !== r) parent.set(k, r);
      k = next;
    }
    return r;
  };
  for (const [a, b] of links) {
    const ra = root(a);
    const rb = root(b);
    if (ra === rb) continue;
    const sa = size.get(ra) ?? 1;
    const sb = size.get(rb) ?? 1;
    if (sa + sb > MAX_GROUP_SIZE) continue;
    const [keep, join] = ra < rb ? [ra, rb] : [rb, ra];
    parent.set(join, keep);
    size.set(keep, sa + sb);
  }
  const byRoot = new Map<number, number[]>();
  for (const theme of [...themes].sort((x, y) => x.id - y.id)) {
    const r = root(theme.id);
    const list = byRoot.get(r);
    if (list) list.push(theme.id);
    else byRoot.set(r, [theme.id]);
  }
  const groups = [...byRoot.values()].filter((g) => g.length > 1).sort((x, y) => x[0]! - y[0]!);
  return { groups, index };
}

/** Packs whole groups into calls of at most `max` themes each, in order. */
export function packGroups(groups: readonly number[][], max = MAX_THEMES_PER_CONSOLIDATION_CALL): number[][][] {
  const calls: number[][][] = [];
  let current: number[][] = [];
  let count = 0;
  for (const group of groups) {
    if (count + group.length > max && current.length) {
      calls.push(current);
      current = [];
      count = 0;
    }
    current.push(group);
    count += group.length;
  }
  if (current.length) calls.push(current);
  return calls;
}
