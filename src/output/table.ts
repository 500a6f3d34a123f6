import stringWidth from 'string-width';
import { cellText } from './cell-text.js';
import { fitColumns, type ColumnSpec } from './fit-columns.js';
import { colourAllowed, type Terminal } from './terminal.js';

export type Cell = string | number | null | undefined;

export interface TableColumn extends ColumnSpec {
  head: string;
  /** Right-aligned (counts, percentages, durations). Defaults to "every non-empty cell is a number". */
  numeric?: boolean;
  /** Wraps the cell's text in colour after the layout (widths count the plain text). */
  colour?: (text: string, cell: Cell) => string;
}

/** Columns are separated by two spaces: no vertical rules, one rule under the header. */
const GAP = 2;

/**
 * Renders rows for people on a TTY (a compact table that fits `term.columns`, 80 when unknown) or
 * for pipes (tab-separated, no header, one row a line, every cell whole), as gh does. Every cell
 * passes through cellText() first, so untrusted text reaches the terminal only once made safe.
 */
export function renderTable(term: Terminal, columns: ReadonlyArray<string | TableColumn>, rows: Cell[][]): string {
  if (!term.stdoutIsTTY) return rows.map((row) => row.map(cellText).join('\t')).join('\n') + (rows.length ? '\n' : '');
  const cols = columns.map((c) => (typeof c === 'string' ? { head: c } : c));
  const text = rows.map((row) => cols.map((_, i) => cellText(row[i])));
  const numeric = cols.map((c, i) => c.numeric ?? rows.every((row) => row[i] == null || row[i] === '' || typeof row[i] === 'number'));
  const natural = cols.map((c, i) => Math.max(stringWidth(c.head), ...text.map((r) => stringWidth(r[i]!))));
  const widths = fitColumns(cols, natural, terminalWidth(term), GAP);
  const shown = cols.map((_, i) => i).filter((i) => widths[i]! > 0);
  const line = (cells: string[], paint: (text: string, i: number) => string) =>
    shown
      .map((i) => {
        const fitted = clip(cells[i]!, widths[i]!);
        const pad = ' '.repeat(widths[i]! - stringWidth(fitted));
        const painted = paint(fitted, i);
        return numeric[i] ? pad + painted : i === shown[shown.length - 1] ? painted : painted + pad;
      })
      .join(' '.repeat(GAP))
      .trimEnd();
  const colour = colourAllowed(term);
  const head = line(
    cols.map((c) => c.head),
    (t) => (colour ? `\x1b[1m${t}\x1b[22m` : t),
  );
  const rule = shown.map((i) => '─'.repeat(widths[i]!)).join(' '.repeat(GAP));
  const body = text.map((cells, r) => line(cells, (t, i) => (colour && cols[i]!.colour && t ? cols[i]!.colour!(t, rows[r]![i]) : t)));
  return [head, rule, ...body].join('\n') + '\n';
}

/** Key/value pairs: an aligned two-column list on a TTY, `key\tvalue` lines on a pipe. */
export function renderPairs(term: Terminal, title: string | null, pairs: Array<[string, Cell]>): string {
  if (!term.stdoutIsTTY) return pairs.map(([k, v]) => `${k}\t${cellText(v)}`).join('\n') + '\n';
  const width = Math.max(...pairs.map(([k]) => k.length));
  const lines = pairs.map(([k, v]) => `  ${k.padEnd(width)}  ${v == null || v === '' ? '-' : cellText(v)}`);
  return (title ? `${title}\n` : '') + lines.join('\n') + '\n';
}

/** The width a table may take: the terminal's, or 80 when it is unknown (a pipe, a test). */
export function terminalWidth(term: Terminal): number {
  const columns = term.columns;
  return columns != null && Number.isFinite(columns) && columns >= 20 ? Math.floor(columns) : 80;
}

/** `text` cut to `width` display columns, ending in "…" when anything was cut. Linear. */
export function clip(text: string, width: number): string {
  if (stringWidth(text) <= width) return text;
  if (width <= 0) return '';
  let out = '';
  let used = 0;
  for (const { segment } of segmenter.segment(text)) {
    const w = stringWidth(segment);
    if (used + w > width - 1) break;
    out += segment;
    used += w;
  }
  return `${out}…`;
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

