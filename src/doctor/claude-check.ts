import type { Check } from './check.js';
import { exitCodeOf, oneLineMessage } from '../errors.js';
import { createClaudeClient } from '../analysis/claude-client.js';
import { classifyClaudeError, translateClaudeError } from '../analysis/claude-errors.js';

/**
 * `doctor`'s Claude line: GET /v1/models with the configured key (the host answers and
 * accepts it), then GET /v1/models/{model} (the configured model is one this key can use).
 * One try each, 10 s timeout: a diagnosis answers in seconds.
 */
export const claudeCheck: Check = {
  name: 'claude',
  async run(ctx) {
    const config = ctx.config;
    if (!config) return { status: 'skip', detail: 'no configuration' };
    if (!config.anthropic.apiKey) return { status: 'fail', detail: 'ANTHROPIC_API_KEY is not set: analyze cannot run', exitCode: 78 };
    const claude = await createClaudeClient(config, { maxRetries: 0, timeoutMs: 10_000 });
    let count: number;
    try {
      const page = await claude.client.models.list({ limit: 100 }, { signal: ctx.signal });
      count = page.data.length;
    } catch (error) {
      const translated = translateClaudeError(error, { host: claude.host, signal: ctx.signal });
      return { status: 'fail', detail: oneLineMessage(translated), exitCode: exitCodeOf(translated) === 1 ? 69 : exitCodeOf(translated) };
    }
    try {
      await claude.client.models.retrieve(claude.model, {}, { signal: ctx.signal });
    } catch (error) {
      if (classifyClaudeError(error).kind === 'not_found') {
        return { status: 'fail', detail: `${claude.host} accepts the key but has no model ${claude.model} (set ISSUETRACK_MODEL)`, exitCode: 78 };
      }
      const translated = translateClaudeError(error, { host: claude.host, signal: ctx.signal });
      return { status: 'fail', detail: oneLineMessage(translated), exitCode: exitCodeOf(translated) === 1 ? 69 : exitCodeOf(translated) };
    }
    return { status: 'pass', detail: `${claude.host}: key accepted, ${count} models listed, ${claude.model} available (from ${config.anthropic.modelSource})` };
  },
};
