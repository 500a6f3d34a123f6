import { hasTag, removeBlocks, replaceTags } from '../text/linear-markup.js';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
const BLOCK_TAGS = /<\/?(p|div|br|li|ul|ol|tr|h[1-6]|blockquote|pre|table)\b[^>]*>/gi;
const ANY_TAG = /<\/?[a-z!][^>]*>/gi;
const LOOKS_LIKE_HTML = /<\/?[a-z][a-z0-9]*(\s[^>]*)?\/?>/i;

/**
 * A comment as plain text. Zendesk's `body` is normally plain already, but comments created
 * through the API or by some channels carry HTML in it; then tags are dropped (block tags become
 * line breaks) and entities decoded. Text without tags is returned as is, so "a < b" survives.
 * Pure; never throws.
 */
export function commentText(comment: { body?: string | null; html_body?: string | null; plain_body?: string | null }): string {
  if (typeof comment.body === 'string') return hasTag(comment.body, LOOKS_LIKE_HTML) ? htmlToText(comment.body) : comment.body;
  if (typeof comment.plain_body === 'string') return comment.plain_body;
  if (typeof comment.html_body === 'string') return htmlToText(comment.html_body);
  return '';
}

/** Drops tags and decodes entities; collapses runs of blank lines. Pure; linear in the input. */
export function htmlToText(html: string): string {
  let text = removeBlocks(html, ['script', 'style'], '');
  text = replaceTags(text, BLOCK_TAGS, '\n');
  text = replaceTags(text, ANY_TAG, '');
  return text
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => decodeEntity(whole, name))
    .replace(/(?<![ \t])[ \t]+\n/g, '\n') // starts only at a run's first blank: no rescans
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function decodeEntity(whole: string, name: string): string {
  if (name[0] === '#') {
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  }
  return ENTITIES[name.toLowerCase()] ?? whole;
}
