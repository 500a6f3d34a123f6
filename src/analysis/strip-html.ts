/**
 * HTML to plain text for ticket bodies. Zendesk stores rich comments as HTML; the model needs
 * the words, not the markup (and markup costs tokens). Pure; never throws.
 */

import { removeBlocks, replaceTags } from '../text/linear-markup.js';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

/** Removes tags, scripts and styles, turns block ends into newlines, decodes common entities. */
export function stripHtml(html: string): string {
  if (!/[<&]/.test(html)) return html;
  // Every pattern here is linear in the input (ticket text is hostile): see linear-markup.ts.
  let text = removeBlocks(html, ['script', 'style', 'head'], ' ');
  text = replaceTags(text, /<br\s*\/?>/gi, '\n');
  text = replaceTags(text, /<\/(p|div|li|tr|h[1-6]|blockquote|pre)\s*>/gi, '\n');
  text = replaceTags(text, /<li\b[^>]*>/gi, '- ');
  text = replaceTags(text, /<[^>]+>/g, '');
  text = text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+\d*|#39);/gi, (whole, name: string) => {
    const lower = name.toLowerCase();
    if (lower.startsWith('#x')) return safeCodePoint(parseInt(lower.slice(2), 16)) ?? whole;
    if (lower.startsWith('#') && lower !== '#39') return safeCodePoint(parseInt(lower.slice(1), 10)) ?? whole;
    return ENTITIES[lower] ?? whole;
  });
  return text
    // Only runs that change: rewriting each lone space as a space cost ~1 s a megabyte.
    .replace(/[\t\f\v][ \t\f\v]*| [ \t\f\v]+/g, ' ')
    // The lookbehind starts a match only at the first space of a run: without it, every space
    // of a long run with no newline after it would rescan the run.
    .replace(/(?<! ) *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function safeCodePoint(code: number): string | undefined {
  return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
}
