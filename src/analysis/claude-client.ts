import type Anthropic from '@anthropic-ai/sdk';
import type { Config } from '../config.js';
import { ConfigError } from '../errors.js';

/**
 * The one place that builds an Anthropic SDK client. The SDK is imported lazily, inside
 * `createClaudeClient`, so `status` and `--help` never load it (build.mjs keeps it external).
 *
 * Usage (analysis, themes' `trends --name-with-claude`):
 *
 *   const claude = await createClaudeClient(deps.config);
 *   try {
 *     const msg = await claude.client.messages.create(params, { signal });
 *   } catch (error) {
 *     throw translateClaudeError(error, { host: claude.host, signal });   // claude-errors.ts
 *   }
 *
 * SDK retries are off (maxRetries 0 by default): our limiter (limiter.ts, call-claude.ts)
 * retries with the rate-limit headers in view, and two retry layers would multiply
 * (3 SDK tries x 6 of ours = 18 requests for one ticket during an outage).
 */

/** A configured client plus what error messages need to name. */
export interface ClaudeClient {
  readonly client: Anthropic;
  /** The API host, for messages ("api.anthropic.com", "127.0.0.1:4123"). */
  readonly host: string;
  /** The model from config (flag > ISSUETRACK_MODEL > default). */
  readonly model: string;
}

export interface ClaudeClientOptions {
  /** SDK retries. Default 0: callers retry through the limiter. */
  maxRetries?: number;
  /** Per-request timeout in ms. Default 120 000 (the SDK's 10 min is too long for a cron run). */
  timeoutMs?: number;
}

export const DEFAULT_BASE_URL = 'https://api.anthropic.com';

/**
 * Builds the client from config. Throws ConfigError (78) when ANTHROPIC_API_KEY is missing:
 * without a key SDK 1.x would go hunting through a profile/credential chain instead.
 * The key is revealed here only, straight into the SDK.
 */
export async function createClaudeClient(config: Config, opts: ClaudeClientOptions = {}): Promise<ClaudeClient> {
  const key = config.anthropic.apiKey;
  if (!key) throw new ConfigError('ANTHROPIC_API_KEY is not set: Claude analysis needs an API key (env or .env)');
  const baseURL = config.anthropic.baseUrl ?? DEFAULT_BASE_URL;
  const { default: AnthropicSdk } = await import('@anthropic-ai/sdk');
  const client = new AnthropicSdk({
    apiKey: key.reveal(),
    baseURL,
    maxRetries: opts.maxRetries ?? 0,
    timeout: opts.timeoutMs ?? 120_000,
    logLevel: 'off',
  });
  return { client, host: new URL(baseURL).host, model: config.anthropic.model };
}
