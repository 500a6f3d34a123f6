import type { Deps } from '../deps.js';
import { renderRun } from '../output/render-run.js';
import type { Terminal } from '../output/terminal.js';
import { trendsPlan } from '../pipeline/task-plans.js';
import type { TrendsJobResult } from '../pipeline/trends-job.js';
import { runTask } from '../worker/run-task.js';
import type { AlertsResult } from '../alerts/alerts-step.js';

export interface TrendsCommandOptions {
  nameWithClaude?: boolean;
  consolidateWithClaude?: boolean;
  /** False under --no-alerts. */
  alerts?: boolean;
  json?: boolean;
  verbose?: boolean;
}

/** `issuetrack trends`: the hourly job. Collects ended batches, places new issues into themes, flags rising ones. */
export async function trendsCommand(opts: TrendsCommandOptions, deps: Deps, term: Terminal): Promise<void> {
  const plan = trendsPlan(deps, { name_with_claude: Boolean(opts.nameWithClaude), consolidate_with_claude: Boolean(opts.consolidateWithClaude), alerts: opts.alerts !== false });
  renderRun(term, await runTask(deps, plan.task, plan.params, plan.run), opts, summarise);
}

function summarise(r: TrendsJobResult): string {
  const parts = [`${r.clusters} themes`, `${r.issues_placed} issues placed`, `${r.themes_created} new`];
  if (r.themes_merged) parts.push(`${r.themes_merged} merged`);
  if (r.themes_consolidated) parts.push(`${r.themes_consolidated} merged by Claude`);
  if (r.themes_named) parts.push(`${r.themes_named} named`);
  if (r.batches && 'batches_collected' in r.batches && r.batches.batches_collected) parts.push(`${r.batches.batches_collected} batches collected`);
  parts.push(r.rising.length ? `rising: ${r.rising.map((id) => `#${id}`).join(', ')}` : 'nothing rising');
  if (r.alerts?.queued || r.alerts?.sent || r.alerts?.failed) parts.push(alertsLine(r.alerts));
  return parts.join(', ');
}

/** "2 alerts queued, 3 sent, 1 failed, 1 waiting": what alerting did, for the summary line. */
export function alertsLine(a: AlertsResult): string {
  const parts = [`${a.queued} alert${a.queued === 1 ? '' : 's'} queued`, `${a.sent} sent`];
  if (a.failed) parts.push(`${a.failed} failed`);
  if (a.pending) parts.push(`${a.pending} waiting`);
  if (a.skipped) parts.push(`${a.skipped} not sent (--no-alerts)`);
  return parts.join(', ');
}
