import Table from 'cli-table3';
import type { Terminal } from './terminal.js';
import { terminalSafe } from './terminal-text.js';

export type Cell = string | number | null | undefined;

/**
 * Renders rows for people on a TTY (a cli-table3 box, with the header) or for pipes
 * (tab-separated, no header, one row a line), as gh does. Cells may hold outside text (subjects,
 * Claude's titles, remote errors), so every cell goes through terminalSafe.
 */
export function renderTable(term: Terminal, head: string[], rows: Cell[][]): string {
  if (!term.stdoutIsTTY) return rows.map((row) => row.map(tsvCell).join('\t')).join('\n') + (rows.length ? '\n' : '');
  const table = new Table({ head, style: { head: term.env.NO_COLOR === undefined ? ['cyan'] : [], border: [] } });
  for (const row of rows) table.push(row.map((cell) => (cell == null ? '' : terminalSafe(String(cell)))));
  return table.toString() + '\n';
}

/** Key/value pairs: an aligned two-column list on a TTY, `key\tvalue` lines on a pipe. */
export function renderPairs(term: Terminal, title: string | null, pairs: Array<[string, Cell]>): string {
  if (!term.stdoutIsTTY) return pairs.map(([k, v]) => `${k}\t${tsvCell(v)}`).join('\n') + '\n';
  const width = Math.max(...pairs.map(([k]) => k.length));
  const lines = pairs.map(([k, v]) => `  ${k.padEnd(width)}  ${v == null || v === '' ? '-' : terminalSafe(String(v))}`);
  return (title ? `${title}\n` : '') + lines.join('\n') + '\n';
}

function tsvCell(cell: Cell): string {
  return cell == null ? '' : terminalSafe(String(cell).replace(/[\t\n\r]/g, ' '));
}
