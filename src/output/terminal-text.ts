/**
 * Characters a terminal would act on instead of showing: C0 and C1 controls and DEL (escape
 * sequences: clear screen, window title, OSC 8 links, cursor moves), the bidi embeddings,
 * overrides and isolates that reorder what follows (CVE-2021-42574, "Trojan Source"), line and
 * paragraph separators, and the zero-width characters that hide text. One character class, so
 * the scan is linear in the input.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/g;
const UNSAFE_KEEPING_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/g;

/**
 * Text from outside (ticket subjects, Claude's titles, Zendesk error text) made safe to print on
 * a terminal or in a text report: every control, bidi or invisible character is shown as a
 * visible escape (`\x1b`, `\u202e`) instead of being acted on. Printable text, including any
 * script or emoji, passes unchanged. With `multiline`, `\n` and `\t` are kept (a report's
 * paragraphs); otherwise they are escaped too (a table cell, a one-line message). Pure; never
 * throws. JSON output must not use this: JSON.stringify already writes exact, safe text.
 */
export function terminalSafe(text: string, opts: { multiline?: boolean } = {}): string {
  return text.replace(opts.multiline ? UNSAFE_KEEPING_LINES : UNSAFE, visibleEscape);
}

function visibleEscape(char: string): string {
  const code = char.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}
