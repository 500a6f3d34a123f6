import { createRequire } from 'node:module';
import type Lemmatizer from 'wink-lemmatizer';

/**
 * The dictionary form of one lowercase English word: plural nouns become singular, inflected
 * verbs their base (stolen, stole → steal; cancelled, canceling → cancel), comparatives their
 * adjective. wink-lemmatizer is WordNet's Morphy (exception lists plus detachment rules checked
 * against WordNet's words), so it knows irregular forms that a suffix stripper cannot and leaves
 * words it does not know alone instead of cutting them ("organization" stays whole). Without a
 * part-of-speech tag the noun reading is tried first, then the verb, then the adjective.
 * Pure; cached, since support text repeats a small vocabulary.
 */
export function lemma(word: string): string {
  let out = cache.get(word);
  if (out === undefined) {
    const wink = lemmatizer();
    out = firstChange(word, wink.noun(word), wink.verb(word), wink.adjective(word));
    if (cache.size < CACHE_LIMIT) cache.set(word, out);
  }
  return out;
}

const CACHE_LIMIT = 200_000;

// Required on the first word, not imported: its WordNet lists take ~260 ms to load, which every
// command importing the tokenizer paid at start (analyze among them, with no theme to compare).
let wink: typeof Lemmatizer | undefined;
function lemmatizer(): typeof Lemmatizer {
  return (wink ??= createRequire(import.meta.url)('wink-lemmatizer') as typeof Lemmatizer);
}
const cache = new Map<string, string>();

function firstChange(word: string, ...candidates: string[]): string {
  for (const c of candidates) if (c !== word && c.length > 1) return c;
  return word;
}
