import type { Deps } from '../deps.js';
import { renderRun } from '../output/render-run.js';
import type { Terminal } from '../output/terminal.js';
import { runTask } from '../worker/run-task.js';
import { createZendeskClient, positiveSetting, tuningFromSettings } from '../zendesk/zendesk-client.js';
import { DEFAULT_CONCURRENCY, summariseSync, sync } from '../zendesk/sync-task.js';

export interface SyncCommandOptions {
  backfillDays?: number;
  json?: boolean;
  verbose?: boolean;
}

/** `issuetrack sync`: the sync task under the worker lease, rendered for people or --json. */
export async function syncCommand(opts: SyncCommandOptions, deps: Deps, term: Terminal): Promise<void> {
  const client = createZendeskClient(deps.config, deps.clock, tuningFromSettings(deps.config.setting));
  const concurrency = Math.min(64, Math.max(1, Math.floor(positiveSetting(deps.config.setting, 'ISSUETRACK_ZENDESK_CONCURRENCY') ?? DEFAULT_CONCURRENCY)));
  const params = { backfill_days: opts.backfillDays ?? null, concurrency };
  const outcome = await runTask(deps, 'sync', params, (ctx) => sync(ctx, { backfillDays: opts.backfillDays, concurrency }, client));
  renderRun(term, outcome, opts, summariseSync);
}
