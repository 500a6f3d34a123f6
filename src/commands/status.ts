import type { Deps } from '../deps.js';
import { renderStatus } from '../output/status-view.js';
import type { Terminal } from '../output/terminal.js';
import { buildStatusReport } from '../worker/status-report.js';

export interface StatusOptions {
  json?: boolean;
}

/** `issuetrack status`: what the worker is doing, when jobs run next, what the database holds. */
export async function statusCommand(opts: StatusOptions, deps: Deps, term: Terminal): Promise<void> {
  const report = await buildStatusReport(deps);
  term.stdout.write(opts.json ? JSON.stringify(report) + '\n' : renderStatus(term, report));
}
