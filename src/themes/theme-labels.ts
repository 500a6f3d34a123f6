import { topTerms, type Centroid } from './centroid.js';
import { insertInWeightOrder, type Idf } from './term-weights.js';
import type { TermCounts, TermWord } from './tokenize.js';

export interface LabelMember {
  id: number;
  title: string;
  component: string | null;
  terms: TermCounts;
  /** Each term of the title and component with the word it came from (issueTermsAndWords). */
  words: readonly TermWord[];
}

export interface ThemeLabel {
  title: string;
  component: string | null;
  keywords: string[];
}

/**
 * The deterministic label of a theme without Claude: the title of its most central member (the
 * highest cosine to the centroid; ties to the earliest issue), its most common component (ties
 * alphabetical), and its heaviest centroid terms, each shown as the word its members use most
 * for it (ties alphabetical). Pure.
 */
export function labelTheme(members: readonly LabelMember[], centroid: Centroid, idf: Idf): ThemeLabel {
  let best: LabelMember | undefined;
  let bestScore = -1;
  const scratch: Scratch = { terms: [], weights: [] };
  for (const m of [...members].sort((a, b) => a.id - b.id)) {
    const score = centrality(m.terms, centroid, idf, scratch);
    if (score > bestScore + 1e-12) {
      best = m;
      bestScore = score;
    }
  }
  // Counted as written first, then normalised once per distinct value: members repeat a handful
  // of components, and trimming and lowercasing each member's was half of labelTheme's own time
  // in a CPU profile at 100k issues.
  const written = new Map<string | null, number>();
  for (const m of members) written.set(m.component, (written.get(m.component) ?? 0) + 1);
  const components = new Map<string, number>();
  for (const [value, n] of written) {
    const c = value?.trim().toLowerCase();
    if (c) components.set(c, (components.get(c) ?? 0) + n);
  }
  const component = [...components].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? null;
  const keywords = topTerms(centroid, idf, 6);
  const words = wordsOf(members, new Set(keywords));
  return { title: best?.title.trim() || '(untitled)', component, keywords: keywords.map((term) => commonest(words.get(term)) ?? term) };
}

interface Scratch {
  terms: string[];
  weights: number[];
}

/**
 * cosineToCentroid(queryVector(terms)) to the last bit, without making the vector: the same
 * products summed in the same order (weight descending, then term), kept in `scratch`. A
 * 100k-issue run scores every member of every theme it touched, and the vectors' arrays and
 * sorts were most of labelling's time (bench/themes.mjs).
 */
function centrality(doc: TermCounts, c: Centroid, idf: Idf, scratch: Scratch): number {
  const { terms, weights } = scratch;
  let size = 0;
  let sumsq = 0;
  for (const [term, tf] of doc) {
    const w = tf * idf.weight(term);
    sumsq += w * w;
    insertInWeightOrder(terms, weights, size++, term, w);
  }
  if (c.sumsq <= 0) return 0;
  const norm = Math.sqrt(sumsq) || 1;
  let dot = 0;
  for (let i = 0; i < size; i++) {
    const n = c.counts.get(terms[i]!);
    if (n) dot += (weights[i]! / norm) * n * idf.weight(terms[i]!);
  }
  return dot / Math.sqrt(c.sumsq);
}

/** How often the members' titles and components write each of `terms` as each word. */
function wordsOf(members: readonly LabelMember[], terms: ReadonlySet<string>): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const m of members) {
    for (const [term, word] of m.words) {
      if (!terms.has(term)) continue;
      let counts = out.get(term);
      if (!counts) out.set(term, (counts = new Map()));
      counts.set(word, (counts.get(word) ?? 0) + 1);
    }
  }
  return out;
}

/** The most frequent word (ties alphabetical), or undefined. */
function commonest(counts: Map<string, number> | undefined): string | undefined {
  return counts && [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
}
