import type { Cell } from './table.js';
import { terminalSafe } from './terminal-text.js';

/**
 * The one door between a value and a table cell or a view line on a terminal: null and undefined
 * become "", numbers their decimal text, line breaks and tabs a space (a cell is one line), and
 * everything a terminal would act on a visible escape (terminalSafe). Ticket subjects, theme
 * titles and remote errors are untrusted and pass through here on their way to the screen.
 */
export function cellText(cell: Cell): string {
  return cell == null ? '' : terminalSafe(String(cell).replace(/[\t\n\r]+/g, ' '));
}
