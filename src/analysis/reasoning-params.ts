/**
 * Thinking and effort, set on every analysis request instead of left to each model's default,
 * so that cost and latency stay what the README measures. Sources (checked 2026-11-30):
 * - platform.claude.com/docs/en/models/haiku-5-5/whats-new-haiku-5-5: Haiku 5.5 thinks
 *   adaptively by default, and "thinking tokens count toward" max_tokens;
 * - platform.claude.com/docs/en/build-with-claude/effort: `output_config.effort`, which Haiku
 *   5.5 and Opus 5.5 default to medium and most other current models to high; its list of
 *   supported models (Haiku 4.5 is not on it, and rejects the field).
 * Thinking tokens are billed as output tokens and `usage.output_tokens` includes them.
 * Extraction of a ticket needs no visible reasoning: thinking is disabled wherever a model
 * allows it; models that always think (Opus 5.5, Fable, Mythos) get the lowest useful effort.
 */

export type Effort = 'low' | 'medium' | 'high';

export interface ReasoningParams {
  thinking?: { type: 'disabled' };
  effort?: Effort;
}

const EFFORT_MODELS = [
  'claude-haiku-5-5',
  'claude-sonnet-5-5',
  'claude-sonnet-5',
  'claude-sonnet-4-6',
  'claude-opus-5-5',
  'claude-opus-5',
  'claude-opus-4-8',
  'claude-opus-4-7',
  'claude-opus-4-6',
  'claude-opus-4-5',
  'claude-fable',
  'claude-mythos',
];
const ALWAYS_THINKS = ['claude-opus-5-5', 'claude-fable', 'claude-mythos'];

const matches = (model: string, ids: readonly string[]) => ids.some((id) => model === id || model.startsWith(`${id}-`));

/** What to send for `model`: thinking off where it can be, effort medium where supported. Pure. */
export function reasoningParams(model: string): ReasoningParams {
  const params: ReasoningParams = {};
  if (!matches(model, ALWAYS_THINKS)) params.thinking = { type: 'disabled' };
  if (matches(model, EFFORT_MODELS)) params.effort = matches(model, ALWAYS_THINKS) ? 'low' : 'medium';
  return params;
}
