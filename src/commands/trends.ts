import type { Deps } from '../deps.js';
import { renderRun } from '../output/render-run.js';
import type { Terminal } from '../output/terminal.js';
import { trendsPlan } from '../pipeline/task-plans.js';
import type { TrendsJobResult } from '../pipeline/trends-job.js';
import { runTask } from '../worker/run-task.js';

export interface TrendsCommandOptions {
  nameWithClaude?: boolean;
  consolidateWithClaude?: boolean;
  json?: boolean;
  verbose?: boolean;
}

/** `issuetrack trends`: the hourly job. Collects ended batches, places new issues into themes, flags rising ones. */
export async function trendsCommand(opts: TrendsCommandOptions, deps: Deps, term: Terminal): Promise<void> {
  const plan = trendsPlan(deps, { name_with_claude: Boolean(opts.nameWithClaude), consolidate_with_claude: Boolean(opts.consolidateWithClaude) });
  renderRun(term, await runTask(deps, plan.task, plan.params, plan.run), opts, summarise);
}

function summarise(r: TrendsJobResult): string {
  const parts = [`${r.clusters} themes`, `${r.issues_placed} issues placed`, `${r.themes_created} new`];
  if (r.themes_merged) parts.push(`${r.themes_merged} merged`);
  if (r.themes_consolidated) parts.push(`${r.themes_consolidated} merged by Claude`);
  if (r.themes_named) parts.push(`${r.themes_named} named`);
  if (r.batches && 'batches_collected' in r.batches && r.batches.batches_collected) parts.push(`${r.batches.batches_collected} batches collected`);
  parts.push(r.rising.length ? `rising: ${r.rising.map((id) => `#${id}`).join(', ')}` : 'nothing rising');
  return parts.join(', ');
}
