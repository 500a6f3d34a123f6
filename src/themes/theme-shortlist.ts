import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import { parseKeywords } from './theme-detail.js';
import { ThemeTextIndex } from './theme-text-index.js';
import { issueTerms, tokenize, type TermCounts } from './tokenize.js';

/** About twenty: enough for the true theme to be there, few enough to keep tokens per ticket low. */
export const SHORTLIST_SIZE = 20;

/** One shortlisted theme, as the prompt shows it. */
export interface ShortlistEntry {
  id: number;
  title: string;
  component: string | null;
}

/** A live theme's text as stored by trends. */
export interface ThemeRow {
  id: number;
  title: string;
  component: string | null;
  keywords: string;
}

/**
 * The terms a theme is found by: its title and component as an issue's would be, plus its
 * keywords (the words its members use most), so a theme is found by its members' wording too.
 */
export function themeTerms(row: ThemeRow): TermCounts {
  const terms = issueTerms(row.title, row.component);
  for (const t of tokenize(parseKeywords(row.keywords).join(' '))) terms.set(t, (terms.get(t) ?? 0) + 0.5);
  return terms;
}

/** Picks the live themes closest to a ticket's text. Built once per run, then read only. */
export class ThemeShortlister {
  private readonly index: ThemeTextIndex;
  private readonly byId: Map<number, ShortlistEntry>;

  constructor(rows: readonly ThemeRow[]) {
    this.index = new ThemeTextIndex(rows.map((r) => ({ id: r.id, terms: themeTerms(r) })));
    this.byId = new Map(rows.map((r) => [r.id, { id: r.id, title: r.title, component: r.component }]));
  }

  get themes(): number {
    return this.index.size;
  }

  /** Up to `size` themes sharing weighted words with `text`, most similar first. Pure. */
  shortlist(text: string, size = SHORTLIST_SIZE): ShortlistEntry[] {
    if (this.index.size === 0) return []; // before any theme exists: no words to weigh
    const terms: TermCounts = new Map();
    for (const t of tokenize(text)) terms.set(t, (terms.get(t) ?? 0) + 1);
    return this.index.nearest(terms, size).map((hit) => this.byId.get(hit.id)!);
  }
}

/** Reads every live theme once and builds the shortlister a run uses for all its tickets. */
export async function loadThemeShortlister(db: Kysely<Database>): Promise<ThemeShortlister> {
  const rows = await db
    .selectFrom('clusters')
    .select(['id', 'title', 'component', 'keywords'])
    .where('merged_into', 'is', null)
    .orderBy('id')
    .execute();
  return new ThemeShortlister(rows);
}
