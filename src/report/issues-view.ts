import { renderTable } from '../output/table.js';
import type { Terminal } from '../output/terminal.js';
import type { ThemeSummary } from '../themes/theme-queries.js';
import { sparkline } from './sparkline.js';
import { changeLabel, severityMix } from './theme-format.js';

/**
 * `issuetrack issues` for people: a table on a TTY, plain TSV (no header) on a pipe, with the
 * columns id, theme, category, component, count, change, last 14 days, severity, rising.
 */
export function renderThemesTable(term: Terminal, themes: readonly ThemeSummary[]): string {
  if (themes.length === 0) return term.stdoutIsTTY ? 'No themes yet: run `issuetrack trends` after analysing tickets.\n' : '';
  return renderTable(
    term,
    ['id', 'theme', 'category', 'component', 'count', 'change', 'last 14 days', 'severity', 'rising'],
    themes.map((t) => [
      t.id,
      term.stdoutIsTTY ? truncate(t.title, 60) : t.title,
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

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
