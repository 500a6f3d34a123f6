import { renderTable, type TableColumn } from '../output/table.js';
import type { Terminal } from '../output/terminal.js';
import type { ThemeSummary } from '../themes/theme-queries.js';
import { sparkline } from './sparkline.js';
import { changeLabel, severityMix } from './theme-format.js';

const red = (text: string) => `\x1b[31m${text}\x1b[39m`;

/** Which columns give way first in a narrow terminal: titles are cut, details are left out. */
const COLUMNS: TableColumn[] = [
  { head: 'id', numeric: true },
  { head: 'theme', shrink: 12, want: 30 },
  { head: 'category', shrink: 8, drop: 2 },
  { head: 'component', shrink: 8, drop: 3 },
  { head: 'count', numeric: true },
  { head: 'change', numeric: true, colour: (text) => (text.startsWith('+') ? red(text) : text) },
  { head: 'last 14 days', drop: 1 },
  { head: 'severity', shrink: 10, drop: 4 },
  { head: 'rising', colour: red },
];

/**
 * `issuetrack issues` for people: a table that fits the terminal on a TTY (titles cut with "…",
 * rising in red), plain TSV with every title whole (no header) on a pipe. `hint` is the command
 * to suggest when there is nothing to show, spelt as it can be typed here.
 */
export function renderThemesTable(term: Terminal, themes: readonly ThemeSummary[], hint = 'issuetrack'): string {
  if (themes.length === 0) return term.stdoutIsTTY ? `No themes yet: run \`${hint} trends\` after analysing tickets.\n` : '';
  return renderTable(
    term,
    COLUMNS,
    themes.map((t) => [
      t.id,
      t.title,
      t.category,
      t.component ?? '',
      t.count,
      changeLabel(t.count, t.expected),
      sparkline(t.daily_14d),
      severityMix(t.severity),
      t.rising ? '▲ rising' : '',
    ]),
  );
}
