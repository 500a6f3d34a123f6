import type Anthropic from '@anthropic-ai/sdk';
import type { TaskContext } from '../worker/run-task.js';

/** What a themes call sends: a Messages API body (structured output) built for the model. */
export type ThemesRequest = (model: string) => Record<string, unknown>;

/** The answer's text, and why the model stopped (for the error when it is not the JSON asked for). */
export interface ThemesAnswer {
  text: string;
  stopReason: string | null;
}

/** One client for a run's theme calls (naming, consolidation). */
export interface ThemesClaude {
  readonly model: string;
  /** One call; usage recorded under `purpose`. Throws AuthError/ConfigError/UnavailableError or the abort reason. */
  ask(request: ThemesRequest, purpose: string): Promise<ThemesAnswer>;
}

/**
 * The call path of the whole-theme-list Claude calls of `trends`: the SDK loads only here,
 * through the analysis client factory (SDK retries 2, as these are single, unrepeated calls);
 * errors are translated at the client edge; every call's usage goes to api_usage with the run id.
 * Throws ConfigError when ANTHROPIC_API_KEY is missing.
 */
export async function openThemesClaude(ctx: TaskContext, nowIso: string): Promise<ThemesClaude> {
  const [{ createClaudeClient }, { translateClaudeError }, { recordUsage }] = await Promise.all([
    import('../analysis/claude-client.js'),
    import('../analysis/claude-errors.js'),
    import('../analysis/usage-store.js'),
  ]);
  const claude = await createClaudeClient(ctx.config, { maxRetries: 2 });
  return {
    model: claude.model,
    async ask(request, purpose) {
      let message: Anthropic.Message;
      let requestId: string | null = null;
      try {
        const { data, response } = await claude.client.messages
          .create(request(claude.model) as unknown as Anthropic.MessageCreateParamsNonStreaming, { signal: ctx.signal })
          .withResponse();
        message = data;
        requestId = response.headers.get('request-id');
      } catch (error) {
        throw translateClaudeError(error, { host: claude.host, signal: ctx.signal });
      }
      await recordUsage(ctx.db, { at: nowIso, runId: ctx.runId, ticketId: null, purpose, model: claude.model, mode: 'live', usage: message.usage, requestId });
      return { text: message.content.map((block) => (block.type === 'text' ? block.text : '')).join(''), stopReason: message.stop_reason };
    },
  };
}
