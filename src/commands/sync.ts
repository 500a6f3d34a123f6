import type { Deps } from '../deps.js';
import { renderRun } from '../output/render-run.js';
import type { Terminal } from '../output/terminal.js';
import { syncPlan } from '../pipeline/task-plans.js';
import { runTask } from '../worker/run-task.js';
import { summariseSync } from '../zendesk/sync-task.js';

export interface SyncCommandOptions {
  backfillDays?: number;
  json?: boolean;
  verbose?: boolean;
}

/** `issuetrack sync`: the sync task under the worker lease, rendered for people or --json. */
export async function syncCommand(opts: SyncCommandOptions, deps: Deps, term: Terminal): Promise<void> {
  const plan = syncPlan(deps, { backfill_days: opts.backfillDays });
  renderRun(term, await runTask(deps, plan.task, plan.params, plan.run), opts, summariseSync);
}
