import type { Deps } from '../deps.js';
import type { Terminal } from '../output/terminal.js';
import { buildStatusReport, type StatusReport } from '../worker/status-report.js';

export interface StatusOptions {
  json?: boolean;
  /** Days in the per-day runs table (1..30; default 7). --json always has all 30. */
  days?: number;
}

/** `issuetrack status`: what the worker is doing, when jobs run next, what the database holds. */
export async function statusCommand(opts: StatusOptions, deps: Deps, term: Terminal): Promise<void> {
  await showStatus(opts, buildStatusReport(deps), deps, term);
}

/** statusCommand with the report already being read on `deps` (buildDeps' readAlong: status-fast.ts). */
export async function showStatus(opts: StatusOptions, read: Promise<StatusReport>, deps: Deps, term: Terminal): Promise<void> {
  const report = await read;
  if (opts.json) {
    term.stdout.write(JSON.stringify(report) + '\n');
    return;
  }
  const { renderStatus } = await import('../output/status-view.js'); // the table renderer: only for people
  term.stdout.write(renderStatus(term, report, deps.clock.now(), opts.days));
}
