/**
 * A light English stemmer: strips plural, -ing, -ed and -ly, undoubles a final consonant and drops
 * a final "e", so charge/charges/charged/charging all become "charg". Deliberately weaker than
 * Porter: titles are short and over-stemming merges unrelated words ("organization"/"organ").
 * Pure and deterministic; the output is only ever compared with other outputs of this function.
 */
export function stem(word: string): string {
  let w = word;
  if (w.length <= 3) return w;
  if (w.endsWith('ies') && w.length > 4) w = w.slice(0, -3) + 'y';
  else if (/(?:ss|sh|ch|x|z)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(?:ss|us|is)$/.test(w)) w = w.slice(0, -1);

  if (w.endsWith('ing') && hasVowel(w.slice(0, -3)) && w.length > 5) w = w.slice(0, -3);
  else if (w.endsWith('ed') && hasVowel(w.slice(0, -2)) && w.length > 4) w = w.slice(0, -2);
  else if (w.endsWith('ly') && w.length > 5) w = w.slice(0, -2);

  if (/([b-df-hj-np-tv-z])\1$/.test(w) && w.length > 3) w = w.slice(0, -1);
  if (w.endsWith('e') && w.length > 3) w = w.slice(0, -1);
  return w;
}

function hasVowel(s: string): boolean {
  return /[aeiouy]/.test(s);
}
