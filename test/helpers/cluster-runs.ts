import { Clustering, resolveKey, type ExistingTheme } from '../../src/themes/clustering.js';
import { buildIdf } from '../../src/themes/term-weights.js';
import { issueTerms, type TermCounts } from '../../src/themes/tokenize.js';

export interface TitleItem {
  title: string;
  category: string;
  component?: string | null;
}

/**
 * Clusters `items` as successive trends runs would: the items arrive in the order given, split
 * into `runs` batches of about equal size; each run sees the themes the earlier ones made (their
 * members' terms), places its batch and merges, exactly as trends-task.ts drives Clustering.
 * Returns each item's final theme (a stable number per theme). `rewrite` lets a bench try another
 * term representation (bench/themes-embeddings.mjs) on the same driver.
 */
export function clusterInRuns(items: readonly TitleItem[], runs = 1, rewrite = (terms: TermCounts) => terms): number[] {
  const terms: TermCounts[] = items.map((t) => rewrite(issueTerms(t.title, t.component ?? null)));
  const themeOf = new Array<number>(items.length).fill(0);
  const themes = new Map<number, { category: string; members: number[] }>();
  let nextId = 1;
  const size = Math.ceil(items.length / runs);
  for (let start = 0; start < items.length; start += size) {
    const end = Math.min(items.length, start + size);
    const idf = buildIdf(terms.slice(0, end));
    const existing: ExistingTheme[] = [...themes].map(([id, t]) => ({ id, category: t.category, members: t.members.map((i) => terms[i]!) }));
    const clustering = new Clustering(idf, existing);
    const batch = [];
    for (let i = start; i < end; i++) batch.push({ id: i + 1, category: items[i]!.category, terms: terms[i]! });
    const placed = clustering.place(batch);
    const merges = clustering.mergePass();
    const ids = new Map<number, number>();
    for (const theme of clustering.liveThemes()) {
      if (theme.key < 0) ids.set(theme.key, nextId++);
    }
    const live = (key: number) => {
      const k = resolveKey(key, merges);
      return k > 0 ? k : ids.get(k)!;
    };
    for (const [id, t] of [...themes]) {
      const to = live(id);
      if (to !== id) {
        themes.get(to)!.members.push(...t.members);
        themes.delete(id);
      }
    }
    for (const theme of clustering.liveThemes()) {
      const id = live(theme.key);
      if (!themes.has(id)) themes.set(id, { category: theme.category, members: [] });
    }
    for (let i = start; i < end; i++) themes.get(live(placed.get(i + 1)!))!.members.push(i);
  }
  for (const [id, t] of themes) for (const i of t.members) themeOf[i] = id;
  return themeOf;
}

/** A fixed pseudo-random permutation, so arrival order varies but every run is repeatable. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
