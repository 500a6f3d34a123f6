/**
 * Markup helpers whose cost stays linear in the input whatever it holds. Ticket bodies and
 * remote error pages are written by strangers; a pattern like `<[^>]*>` run by a backtracking
 * engine over 100 KB of `<` with no `>` costs seconds (each `<` scans to the end). Pure; never
 * throw.
 */

/**
 * `text.replace(tag, replacement)` for a global pattern shaped `<…[^>]*>` (it cannot match past
 * a `>`), applied only up to the text's last `>`: after it no tag can end, and that is where
 * every failing attempt would rescan to the end.
 */
export function replaceTags(text: string, tag: RegExp, replacement: string): string {
  const end = text.lastIndexOf('>') + 1;
  return end === 0 ? text : text.slice(0, end).replace(tag, replacement) + text.slice(end);
}

/** `tag.test(text)` for a pattern shaped like replaceTags wants. */
export function hasTag(text: string, tag: RegExp): boolean {
  const end = text.lastIndexOf('>') + 1;
  return end !== 0 && tag.test(text.slice(0, end));
}

/**
 * Removes each `<name …>…</name>` block (case-insensitive, the first closing tag wins, `</name >`
 * allowed) and each `<!-- … -->` comment, putting `replacement` in its place; an opening with no
 * closing after it stays. Equivalent to `/<(a|b)\b[\s\S]*?<\/\1\s*>/gi`, without the rescans.
 */
export function removeBlocks(text: string, names: readonly string[], replacement: string): string {
  if (!text.includes('<')) return text;
  const lower = text.toLowerCase();
  const open = new RegExp(`<(?:(${names.join('|')})\\b|!--)`, 'gi');
  const unclosed = new Set<string>();
  let out = '';
  let kept = 0;
  for (let m = open.exec(text); m; m = open.exec(text)) {
    const name = m[1]?.toLowerCase() ?? '!--';
    if (unclosed.has(name)) continue;
    const end = name === '!--' ? commentEnd(lower, open.lastIndex) : closingEnd(lower, name, open.lastIndex);
    if (end < 0) {
      unclosed.add(name); // no closing after here means none after any later opening either
      continue;
    }
    out += text.slice(kept, m.index) + replacement;
    kept = end;
    open.lastIndex = end;
  }
  return kept === 0 ? text : out + text.slice(kept);
}

function commentEnd(lower: string, from: number): number {
  const at = lower.indexOf('-->', from);
  return at < 0 ? -1 : at + 3;
}

/** Index just past the first `</name\s*>` at or after `from`, or -1. */
function closingEnd(lower: string, name: string, from: number): number {
  const closing = `</${name}`;
  for (let at = lower.indexOf(closing, from); at >= 0; at = lower.indexOf(closing, at + 1)) {
    let i = at + closing.length;
    while (i < lower.length && /\s/.test(lower[i]!)) i++;
    if (lower[i] === '>') return i + 1;
  }
  return -1;
}
