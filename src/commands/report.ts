import { writeFile } from 'node:fs/promises';
import type { Deps } from '../deps.js';
import { UsageError } from '../errors.js';
import type { Terminal } from '../output/terminal.js';
import { renderHtml } from '../report/report-html.js';
import { renderMarkdown } from '../report/report-markdown.js';
import { buildReport } from '../report/report-model.js';
import { zendeskTicketUrl } from '../themes/theme-detail.js';

export interface ReportOptions {
  format: 'md' | 'html';
  since: number; // window in ms
  out?: string;
}

/** `issuetrack report`: top, rising and new themes as Markdown or self-contained HTML. Read-only. */
export async function reportCommand(opts: ReportOptions, deps: Deps, term: Terminal): Promise<void> {
  const data = await buildReport(deps.db, { nowMs: deps.clock.now(), windowMs: opts.since, ticketUrl: zendeskTicketUrl(deps.config.zendesk.baseUrl) });
  const text = opts.format === 'html' ? renderHtml(data) : renderMarkdown(data);
  if (!opts.out) {
    term.stdout.write(text);
    return;
  }
  try {
    await writeFile(opts.out, text, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot write report to ${opts.out}: ${(error as Error).message}`, { cause: error });
  }
}
