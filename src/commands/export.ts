import type { Deps } from '../deps.js';
import { UsageError } from '../errors.js';
import { ISSUE_COLUMNS, TICKET_COLUMNS, issueRows, ticketRows } from '../export/export-queries.js';
import { writeExport, writeFileAtomically, type ExportFormat } from '../export/write-export.js';
import type { Terminal } from '../output/terminal.js';

export interface ExportOptions {
  format: ExportFormat;
  out?: string;
  verbose?: boolean;
}

/**
 * `issuetrack export tickets|issues`: streams rows as JSON lines or CSV to stdout, or atomically
 * to --out. On Linux, writes to a pipe or file on stdout are synchronous, so a slow reader holds
 * us back rather than letting output pile up in memory.
 */
export async function exportCommand(opts: ExportOptions, deps: Deps, term: Terminal, args: string[]): Promise<void> {
  const what = args[0];
  if (what !== 'tickets' && what !== 'issues') throw new UsageError(`export what? expected "tickets" or "issues", got "${what ?? ''}"`);
  const rows = what === 'tickets' ? ticketRows(deps.db) : issueRows(deps.db);
  const columns = what === 'tickets' ? TICKET_COLUMNS : ISSUE_COLUMNS;
  if (!opts.out) {
    await writeExport(rows, columns, opts.format, { write: (text) => void term.stdout.write(text) });
    return;
  }
  const count = await writeFileAtomically(opts.out, (sink) => writeExport(rows, columns, opts.format, sink));
  if (term.stderrIsTTY || opts.verbose) term.stderr.write(`exported ${count} ${what} to ${opts.out}\n`);
}
