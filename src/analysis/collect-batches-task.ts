import type { TaskContext } from '../worker/run-task.js';
import { collectEndedBatches, type BatchCollectResult } from './batch-collect.js';
import { createClaudeClient, type ClaudeClient } from './claude-client.js';
import { loadThemeShortlister } from '../themes/theme-shortlist.js';

/**
 * For the hourly `trends` job and `pipeline`: collects ended Message Batches inside the
 * caller's task run. Returns null, without loading the Anthropic SDK or needing an API key,
 * when no batch is open, which is the usual case. Otherwise see collectEndedBatches: stores
 * results, resubmits errored/expired requests (redacted), never loses a ticket.
 * Throws ConfigError (no key while batches are open), AuthError, UnavailableError, or the
 * abort reason; a caller that must not fail on those should catch and warn.
 */
export async function collectOpenBatches(ctx: TaskContext, claude?: ClaudeClient): Promise<BatchCollectResult | null> {
  const open = await ctx.db.selectFrom('message_batches').select('id').where('status', '!=', 'collected').limit(1).executeTakeFirst();
  if (!open) return null;
  const client = claude ?? (await createClaudeClient(ctx.config));
  const shortlister = await loadThemeShortlister(ctx.db); // for requests resubmitted here
  return collectEndedBatches({
    db: ctx.db,
    clock: ctx.clock,
    signal: ctx.signal,
    reporter: ctx.reporter,
    runId: ctx.runId,
    claude: client,
    model: client.model,
    redact: true,
    shortlist: (text) => shortlister.shortlist(text),
  });
}
