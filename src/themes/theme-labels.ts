import { cosineToCentroid, topTerms, type Centroid } from './centroid.js';
import { queryVector, type Idf } from './term-weights.js';
import type { TermCounts } from './tokenize.js';

export interface LabelMember {
  id: number;
  title: string;
  component: string | null;
  terms: TermCounts;
}

export interface ThemeLabel {
  title: string;
  component: string | null;
  keywords: string[];
}

/**
 * The deterministic label of a theme without Claude: the title of its most central member (the
 * highest cosine to the centroid; ties to the earliest issue), its most common component (ties
 * alphabetical), and its heaviest centroid terms. Pure.
 */
export function labelTheme(members: readonly LabelMember[], centroid: Centroid, idf: Idf): ThemeLabel {
  let best: LabelMember | undefined;
  let bestScore = -1;
  for (const m of [...members].sort((a, b) => a.id - b.id)) {
    const q = queryVector(m.terms, idf);
    const score = cosineToCentroid(q.terms, q.weights, centroid, idf);
    if (score > bestScore + 1e-12) {
      best = m;
      bestScore = score;
    }
  }
  const components = new Map<string, number>();
  for (const m of members) {
    const c = m.component?.trim().toLowerCase();
    if (c) components.set(c, (components.get(c) ?? 0) + 1);
  }
  const component = [...components].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? null;
  return { title: best?.title.trim() || '(untitled)', component, keywords: topTerms(centroid, idf, 6) };
}
