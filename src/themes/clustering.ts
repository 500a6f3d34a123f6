import { batchGroups } from './batch-groups.js';
import { mergeResolver } from './merge-resolver.js';
import { absorb, addMember, centroidAsQuery, cosineBeyondTopTerm, cosineToCentroid, emptyCentroid, removeMember, type Centroid } from './centroid.js';
import { ThemeIndex, type Match } from './theme-index.js';
import { queryVector, type Idf, type QueryVector } from './term-weights.js';
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

/**
 * The tuned thresholds (cosine between a group's terms and a theme's centroid, and between two
 * centroids); bench/themes-real.mjs measures them on labelled sets.
 */
export const PLACE_THRESHOLD = 0.3;
export const MERGE_THRESHOLD = 0.4;
/**
 * A join must rest on more than one word: a group joins a theme only if its cosine without the one
 * shared term that contributes most (cosineBeyondTopTerm) still reaches PLACE_SUPPORT × the bar,
 * and two themes merge only if theirs reaches MERGE_SUPPORT × MERGE_THRESHOLD. Otherwise a single
 * common word ("report", "number", the component both were filed under) joins unrelated problems
 * whose other words all differ. Measured with bench/themes-real.mjs (one run, ARI): the placement
 * rule took the tuning fixture 0.823 → 0.880, project-management 0.934 → 0.988, dstc11 0.665 →
 * 0.687, bitext 0.485 → 0.468; the merge rule then dstc11 → 0.701, bitext → 0.478, tuning → 0.869.
 * Shares 0.25–0.35 for placement scored within 0.01 of each other; a merge share of 0.3 cost
 * bitext 0.03. Not applied to one issue joining an existing theme: a short title often shares one
 * word with its theme and nothing else (four-run storefront 0.75 → 0.65 when it was).
 */
export const PLACE_SUPPORT = 0.3;
export const MERGE_SUPPORT = 0.1;

/**
 * What one issue's cosine to a theme of its own category must reach to join it before grouping.
 * Lower than a group's: one title holds a fraction of the words a theme's members use, so its
 * cosine to the centroid runs lower than a group's summed terms do (0.3 here split later runs'
 * paraphrases into new themes: over four runs the storefront corpus scored 0.68 against 0.83 in
 * one; bench/themes-real.mjs). Across categories the group's bar stays (0.3 / CROSS_CATEGORY_MATCH),
 * so a loosely similar title filed elsewhere still opens its own theme.
 */
export const ISSUE_PLACE_THRESHOLD = 0.2;

/**
 * A group of at most SMALL_GROUP issues carries too little evidence to open a theme of its own
 * when a theme the same run opened in its category is near: it joins the nearest at
 * SMALL_GROUP_SHARE × the group bar, judged by the words it shares with other issues. As
 * HDBSCAN's minimum cluster size, with what falls below it assigned to the nearest cluster the
 * way BERTopic's outlier reduction does (maartengr.github.io/BERTopic, reduce_outliers).
 */
export const SMALL_GROUP = 2;
export const SMALL_GROUP_SHARE = 0.5;

/** The cosines `place` needs: one issue to a theme that existed before the run, and a group to any theme. */
export interface PlaceThresholds {
  issue: number;
  group: number;
}
/**
 * Across categories a match needs its cosine × this to reach the threshold: one problem the model
 * filed under two categories still joins a theme when the words agree strongly (0.3 → 0.75),
 * while themes that merely share a word stay apart.
 */
export const CROSS_CATEGORY_MATCH = 0.4;

/**
 * Theme clustering for one trends run: a new issue close to an existing theme joins it; the
 * run's other new issues are grouped among themselves (batch-groups.ts), then each group joins the
 * nearest theme or opens a new one; a merge pass then joins near-duplicate themes. Deterministic: themes are visited in id order, groups in
 * the order of their first issue, ties go to the older theme.
 * Mutable; one instance lives for one trends run.
 */
export class Clustering {
  private readonly index: ThemeIndex;
  private readonly keys: ThemeKey[] = [];
  private readonly existing: boolean[] = [];
  private nextNewKey = -1;
  private readonly placedMembers: TermCounts[] = [];

  constructor(
    private readonly idf: Idf,
    existing: readonly ExistingTheme[],
  ) {
    this.index = new ThemeIndex(idf);
    for (const theme of [...existing].sort((a, b) => a.id - b.id)) {
      const centroid = emptyCentroid();
      for (const member of theme.members) {
        addMember(centroid, member, idf);
        this.placedMembers.push(member);
      }
      this.index.add(theme.category, centroid);
      this.keys.push(theme.id);
      this.existing.push(true);
    }
  }

  /**
   * Places each issue whose cosine to a theme that existed before this run reaches
   * `thresholds.issue` in its own category (`thresholds.group` across categories, scaled by
   * CROSS_CATEGORY_MATCH) into the nearest such theme; groups the rest among themselves, then
   * places each group whole, largest first, into the nearest live theme (cosine of the group's
   * summed terms to the centroid ≥ `thresholds.group`; a small group gets a second look at a lower
   * bar, see SMALL_GROUP), else opens a new theme under the group's commonest category;
   * finally each issue in a theme opened by this run moves to the nearest such theme (refine).
   * Issues are taken in id order whatever order they are given in.
   * Returns issue id → theme key.
   */
  place(issues: readonly PendingIssue[], thresholds: PlaceThresholds = { issue: ISSUE_PLACE_THRESHOLD, group: PLACE_THRESHOLD }): Map<number, ThemeKey> {
    const threshold = thresholds.group;
    const out = new Map<number, ThemeKey>();
    // An issue close to a theme that existed before this run goes there directly: the placement
    // depends on the issue alone, not on what else arrived with it or in which order.
    const existingSlots = this.keys.length;
    const sorted: PendingIssue[] = [];
    const vectors: QueryVector[] = [];
    for (const issue of [...issues].sort((a, b) => a.id - b.id)) {
      const q = queryVector(issue.terms, this.idf);
      const match = q.terms.length && existingSlots ? this.nearestAcross(issue.category, q.terms, q.weights, thresholds.issue, -1, threshold) : null;
      if (match && match.slot < existingSlots) {
        this.addTo(match.slot, issue.terms);
        out.set(issue.id, this.keys[match.slot]!);
      } else {
        sorted.push(issue);
        vectors.push(q);
      }
    }
    const { groups, neighbours } = batchGroups(sorted.map((issue, i) => ({ category: issue.category, vector: vectors[i]! })));
    // Largest groups first: a theme is seeded by the most evidence the run has for it, and the
    // fragments and stragglers of a problem then meet that theme rather than opening one of
    // their own first (measured: bench/themes-real.mjs; ties to the group with the earliest issue).
    groups.sort((a, b) => b.length - a.length || a[0]! - b[0]!);
    let spread: Map<string, number> | null = null; // counted when a small group first needs it
    // The slot each pending issue went to (-1 until placed), and the themes its neighbours went to.
    const slotOf = new Int32Array(sorted.length).fill(-1);
    const neighbourSlots = (i: number, into: number[] = []) => {
      for (let j = i * neighbours.k; j < i * neighbours.k + neighbours.count[i]!; j++) {
        const slot = slotOf[neighbours.index[j]!]!;
        if (slot >= existingSlots && slot !== slotOf[i] && !into.includes(slot)) into.push(slot);
      }
      return into;
    };
    for (const group of groups) {
      const counts = summedTerms(group, sorted);
      const category = commonestCategory(group, sorted);
      const q = queryVector(counts, this.idf);
      let match = q.terms.length ? this.nearestAcross(category, q.terms, q.weights, threshold, -1) : null;
      if (match && this.supportBeyondTopTerm(match.slot, category, q.terms, q.weights) < PLACE_SUPPORT * threshold) match = null;
      if (!match && group.length <= SMALL_GROUP) {
        const candidates: number[] = [];
        for (const i of group) neighbourSlots(i, candidates);
        if (candidates.length) match = this.smallGroupMatch(category, counts, (spread ??= this.termSpread(sorted)), candidates, threshold * SMALL_GROUP_SHARE);
      }
      let slot: number;
      if (match) {
        slot = match.slot;
      } else {
        slot = this.index.add(category, emptyCentroid());
        this.keys.push(this.nextNewKey--);
        this.existing.push(false);
      }
      for (const i of group) {
        this.addTo(slot, sorted[i]!.terms);
        out.set(sorted[i]!.id, this.keys[slot]!);
        slotOf[i] = slot;
      }
    }
    this.refine(sorted, vectors, slotOf, (i, into) => (slotOf[i]! >= existingSlots ? neighbourSlots(i, into) : into), out);
    return out;
  }

  /**
   * One step of spherical k-means over the themes this run opened (Steinbach, Karypis & Kumar,
   * "A comparison of document clustering techniques", 2000: agglomeration, then refinement by
   * k-means): each issue placed in one of them moves to the one whose centroid is nearest to it,
   * all judged against the centroids as grouping left them. A group is joined whole, so an issue
   * that its group's other words carried into the wrong theme is put right here. The candidates
   * are the themes its nearest neighbours went to (a search of the index per issue doubled the
   * time of `place` on 30k synthetic issues, bench/themes.mjs's corpus). Issues placed in themes
   * that existed before the run are untouched. Ties stay put. The moves are kept as two index
   * arrays and one candidate list is reused: an object and an array per issue made a 100k-issue
   * run's garbage collection pay for them.
   */
  private refine(
    issues: readonly PendingIssue[], vectors: readonly QueryVector[], slotOf: Int32Array,
    candidatesOf: (i: number, into: number[]) => number[], out: Map<number, ThemeKey>,
  ): void {
    const moved = new Int32Array(issues.length);
    const movedTo = new Int32Array(issues.length);
    let moves = 0;
    const candidates: number[] = [];
    for (let i = 0; i < issues.length; i++) {
      candidates.length = 0;
      if (candidatesOf(i, candidates).length === 0) continue;
      const { category } = issues[i]!;
      const { terms, weights } = vectors[i]!;
      let best = -1;
      let bestSimilarity = this.similarityTo(slotOf[i]!, category, terms, weights);
      for (const slot of candidates) {
        const similarity = this.similarityTo(slot, category, terms, weights);
        if (similarity > bestSimilarity || (similarity === bestSimilarity && best >= 0 && slot < best)) [best, bestSimilarity] = [slot, similarity];
      }
      if (best >= 0) {
        moved[moves] = i;
        movedTo[moves++] = best;
      }
    }
    for (let m = 0; m < moves; m++) {
      const issue = issues[moved[m]!]!;
      const from = this.index.themes[slotOf[moved[m]!]!]!;
      removeMember(from.centroid, issue.terms, this.idf);
      this.index.removeCounts(from.slot, issue.terms);
      if (from.centroid.size === 0) from.alive = false;
      this.addTo(movedTo[m]!, issue.terms);
      out.set(issue.id, this.keys[movedTo[m]!]!);
    }
  }

  /**
   * A second look for a small group that reached no theme: the nearest of `candidates` (themes
   * this run opened) in its own category at the lower bar, judged by the words the group shares
   * with some other issue (a word no other issue has, a typo or a name, can match nothing and
   * only dilutes the cosine). Themes that existed before the run had their look at each issue.
   */
  private smallGroupMatch(category: string, counts: TermCounts, spread: Map<string, number>, candidates: readonly number[], bar: number): Match | null {
    const q = queryVector(new Map([...counts].filter(([t]) => spread.get(t)! > 1)), this.idf);
    let best: Match | null = null;
    for (const slot of candidates) {
      if (this.index.themes[slot]!.category !== category) continue;
      const similarity = this.similarityTo(slot, category, q.terms, q.weights);
      if (similarity >= bar && (!best || similarity > best.similarity || (similarity === best.similarity && slot < best.slot))) best = { slot, similarity };
    }
    return best;
  }

  /** Cosine of a unit query to a live theme's centroid, scaled when the categories differ. */
  private similarityTo(slot: number, category: string, terms: readonly string[], weights: readonly number[]): number {
    const theme = this.index.themes[slot]!;
    if (!theme.alive) return 0;
    return cosineToCentroid(terms, weights, theme.centroid, this.idf) * (theme.category === category ? 1 : CROSS_CATEGORY_MATCH);
  }

  /** cosineBeyondTopTerm to a live theme, scaled as similarityTo scales the cosine. */
  private supportBeyondTopTerm(slot: number, category: string, terms: readonly string[], weights: readonly number[]): number {
    const theme = this.index.themes[slot]!;
    return cosineBeyondTopTerm(terms, weights, theme.centroid, this.idf) * (theme.category === category ? 1 : CROSS_CATEGORY_MATCH);
  }

  /** How many issues, placed before this run or pending in it, hold each term. */
  private termSpread(pending: readonly PendingIssue[]): Map<string, number> {
    const spread = new Map<string, number>();
    for (const terms of [...this.placedMembers, ...pending.map((issue) => issue.terms)]) {
      for (const t of terms.keys()) spread.set(t, (spread.get(t) ?? 0) + 1);
    }
    return spread;
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
        for (const m of this.withinAcross(theme.category, q.terms, q.weights, threshold, theme.slot)) {
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
        const scale = ta.category === tb.category ? 1 : CROSS_CATEGORY_MATCH;
        const similarity = cosineToCentroid(q.terms, q.weights, tb.centroid, this.idf) * scale;
        if (similarity < threshold || this.supportBeyondTopTerm(b, ta.category, q.terms, q.weights) < MERGE_SUPPORT * threshold) continue;
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

  /** The best of withinAcross's candidates, or null; ties to the older theme. */
  private nearestAcross(category: string, terms: string[], weights: number[], threshold: number, exclude: number, crossThreshold = threshold): Match | null {
    let best: Match | null = null;
    for (const m of this.withinAcross(category, terms, weights, threshold, exclude, crossThreshold)) {
      if (!best || m.similarity > best.similarity || (m.similarity === best.similarity && m.slot < best.slot)) best = m;
    }
    return best;
  }

  /**
   * Live themes whose cosine reaches `threshold` in `category` as it is, or `crossThreshold` in any
   * other category once scaled by CROSS_CATEGORY_MATCH. Similarities are returned scaled, in slot order.
   */
  private withinAcross(category: string, terms: string[], weights: number[], threshold: number, exclude: number, crossThreshold = threshold): Match[] {
    const out = this.index.within(category, terms, weights, threshold, exclude);
    for (const other of this.index.categories) {
      if (other === category) continue;
      for (const m of this.index.within(other, terms, weights, crossThreshold / CROSS_CATEGORY_MATCH, exclude)) {
        out.push({ slot: m.slot, similarity: m.similarity * CROSS_CATEGORY_MATCH });
      }
    }
    return out.sort((a, b) => a.slot - b.slot);
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

/**
 * The terms of `issues[i]` for each i of `group`, summed, in the order the members first hold
 * them (queryVector sums the norm in that order). Its own small function, so that it is optimised
 * on its own: inline in `place`, which runs once per run, this loop was half of place's own time
 * in a CPU profile at 100k issues.
 */
function summedTerms(group: readonly number[], issues: readonly PendingIssue[]): TermCounts {
  const counts: TermCounts = new Map();
  // forEach, not for…of: no [term, count] array made per entry (the same entries in the same order).
  const add = (n: number, t: string) => counts.set(t, (counts.get(t) ?? 0) + n);
  for (const i of group) issues[i]!.terms.forEach(add);
  return counts;
}

/** The category most of the group's issues were filed under; ties go to the one the earliest issue has. */
function commonestCategory(group: readonly number[], issues: readonly PendingIssue[]): string {
  const counts = new Map<string, number>();
  for (const i of group) counts.set(issues[i]!.category, (counts.get(issues[i]!.category) ?? 0) + 1);
  let best = issues[group[0]!]!.category;
  for (const [category, n] of counts) if (n > counts.get(best)!) best = category;
  return best;
}

/** Follows merges from `key` to the theme it now lives in (one key; for many, mergeResolver once). */
export function resolveKey(key: ThemeKey, merges: readonly Merge[]): ThemeKey {
  return mergeResolver(merges)(key);
}
