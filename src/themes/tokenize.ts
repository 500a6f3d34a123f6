import { lemma } from './lemma.js';
import { PHRASES, STOPWORDS } from './vocabulary.js';

/** A term with its weight inside one issue (title words 1, component words see below). */
export type TermCounts = Map<string, number>;

/**
 * The component counts as much as one title word: paraphrased titles share few words, and the
 * component Claude names is the steadiest signal they do share (measured in bench/themes-real.mjs).
 */
const COMPONENT_WEIGHT = 1;

/**
 * What a word replaced by a phrase token still weighs ("sign in" → login, plus sign at this
 * weight), so that two spellings fold together while what was written still counts a little.
 */
const FOLDED_WORD_WEIGHT = 0.5;

/** One term of a text, the word it came from, and its weight. Read-only: one tuple per word is shared by every text. */
export type TermWord = readonly [term: string, word: string, weight: number];

/**
 * Normalises free text into theme terms: lowercase, fold accents, rewrite multi-word names of one
 * thing ("sign in" → login), drop stopwords and identifiers (order numbers, amounts), reduce each
 * word to its lemma. Pure; same input, same output; linear in the length of the text.
 */
export function tokenize(text: string): string[] {
  return termWords(text)
    .filter(([, , weight]) => weight === 1)
    .map(([term]) => term);
}

/**
 * Each term of `text` with the word it came from and its weight: 1, or FOLDED_WORD_WEIGHT for the
 * words a phrase rewrite replaced. Lets people be shown "subscriptions" where clustering works
 * with "subscription". Pure.
 */
export function termWords(text: string): TermWord[] {
  // ASCII text has nothing to decompose, and most titles match no phrase: skipping those passes
  // cut a 100k-issue run's tokenising by a third (bench/themes.mjs). Both skips are exact: if no
  // phrase matches the text, no rewrite happens, so no later phrase can match a rewrite's output.
  let s = (NON_ASCII.test(text) ? text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '') : text).toLowerCase().replace(/[’'`]/g, '');
  const folded: string[] = [];
  if (ANY_PHRASE.test(s)) {
    for (const [pattern, replacement] of PHRASES) {
      s = s.replace(pattern, (match) => {
        folded.push(match);
        return replacement;
      });
    }
  }
  const out: TermWord[] = [];
  for (const raw of s.split(/[^a-z0-9]+/)) {
    const tw = termWordOf(raw);
    if (tw !== null) out.push(tw[0]);
  }
  for (const match of folded) {
    for (const raw of match.split(/[^a-z0-9]+/)) {
      const tw = termWordOf(raw);
      if (tw !== null) out.push(tw[1]);
    }
  }
  return out;
}

/**
 * The TermWord one lowercase word makes at weight 1 and at FOLDED_WORD_WEIGHT, or null for a word
 * that carries no term (too short, a stopword before or after lemmatising, an identifier).
 * Remembered per word, and the tuples shared by every text that writes the word (read-only):
 * support text repeats a small vocabulary, and one lookup here replaces four; a tuple and a word
 * string per word of 100k titles outlived the young generation and made its collections copy
 * them (bench/themes.mjs).
 */
function termWordOf(raw: string): readonly [TermWord, TermWord] | null {
  let tw = termWordOfWord.get(raw);
  if (tw === undefined) {
    let term = raw.length < 2 || STOPWORDS.has(raw) || isIdentifier(raw) ? null : lemma(raw);
    if (term !== null && STOPWORDS.has(term)) term = null;
    tw = term === null ? null : [[term, raw, 1], [term, raw, FOLDED_WORD_WEIGHT]];
    if (termWordOfWord.size < TERM_CACHE_LIMIT) termWordOfWord.set(raw, tw);
  }
  return tw;
}
const termWordOfWord = new Map<string, readonly [TermWord, TermWord] | null>();
const TERM_CACHE_LIMIT = 200_000;

const NON_ASCII = /[^\x00-\x7f]/;
/**
 * Matches wherever any of PHRASES would (one pass instead of one per phrase). Not global or sticky,
 * so it keeps no lastIndex; any other flag of any phrase applies to all, which can only widen it.
 */
const ANY_PHRASE = new RegExp(
  PHRASES.map(([pattern]) => `(?:${pattern.source})`).join('|'),
  [...new Set(PHRASES.flatMap(([pattern]) => [...pattern.flags]))].filter((f) => f !== 'g' && f !== 'y').join(''),
);

/** Numbers and codes (order 113542617735902, #85632, x7f3a91) name one case, never a theme. */
function isIdentifier(word: string): boolean {
  let digits = 0;
  for (let i = 0; i < word.length; i++) if (word.charCodeAt(i) >= 48 && word.charCodeAt(i) <= 57) digits++;
  return digits === word.length || digits >= 3;
}

/** The terms of one issue: its title, plus its component (see COMPONENT_WEIGHT). */
export function issueTerms(title: string, component: string | null | undefined): TermCounts {
  return issueTermsAndWords(title, component).terms;
}

/**
 * issueTerms, and every term of the title and the component with the word it came from, from one
 * tokenisation (theme labels show the words; a 100k-issue run spent a second tokenising twice).
 */
export function issueTermsAndWords(title: string, component: string | null | undefined): { terms: TermCounts; words: TermWord[] } {
  const words = termWords(title);
  const terms: TermCounts = new Map();
  for (const [t, , w] of words) terms.set(t, (terms.get(t) ?? 0) + w);
  if (component) {
    const seen = new Set<string>();
    for (const tw of componentWords(component)) {
      words.push(tw);
      const [t, , w] = tw;
      if (w !== 1 || seen.has(t)) continue;
      seen.add(t);
      terms.set(t, (terms.get(t) ?? 0) + COMPONENT_WEIGHT);
    }
  }
  return { terms, words };
}

/**
 * termWords of a component, remembered: components come from a short list ("billing", "mobile
 * app"), so a 100k-issue run tokenised the same few thousand times. Shared: read-only.
 */
function componentWords(component: string): readonly TermWord[] {
  let words = wordsOfComponent.get(component);
  if (!words) {
    words = termWords(component);
    if (wordsOfComponent.size < TERM_CACHE_LIMIT) wordsOfComponent.set(component, words);
  }
  return words;
}
const wordsOfComponent = new Map<string, readonly TermWord[]>();

/**
 * issueTermsAndWords of each issue, in order, tokenising each distinct title and component once
 * (support text repeats itself). Issues with the same text share one result object: read-only.
 */
export function tokeniseIssues(issues: ReadonlyArray<{ title: string; component: string | null }>): Array<{ terms: TermCounts; words: TermWord[] }> {
  // Keyed by the component (null: none), then the title.
  const byComponent = new Map<string | null, Map<string, { terms: TermCounts; words: TermWord[] }>>();
  return issues.map(({ title, component }) => {
    let memo = byComponent.get(component);
    if (!memo) byComponent.set(component, (memo = new Map()));
    let t = memo.get(title);
    if (!t) memo.set(title, (t = issueTermsAndWords(title, component)));
    return t;
  });
}
