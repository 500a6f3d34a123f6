import type { Kysely } from 'kysely';
import type { Clock } from '../clock.js';
import type { Reporter } from '../output/reporter.js';
import type { Database } from '../store/schema.js';
import type { ClaudeClient } from './claude-client.js';
import type { ShortlistedTheme } from './prompt.js';

/** What the analysis steps (live, batch submit, batch collect) share within one run. */
export interface AnalysisEnv {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly signal: AbortSignal;
  readonly reporter: Reporter;
  /** The run that spends (null when called outside a task run). */
  readonly runId: string | null;
  readonly claude: ClaudeClient;
  /** The model every request of this run uses. */
  readonly model: string;
  readonly redact: boolean;
  /** The existing themes to offer for a ticket's text (built once per run); none when absent. */
  readonly shortlist?: (ticketText: string) => readonly ShortlistedTheme[];
}

/** Token and cost totals of a step; cost is null when the model has no price. */
export interface SpendTotals {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  cost_usd: number | null;
}

export function emptySpend(priced: boolean): SpendTotals {
  return { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, cost_usd: priced ? 0 : null };
}

/** Adds `b` into `a` (mutates `a`). Cost stays null only when no part had a price. */
export function addSpend(a: SpendTotals, b: SpendTotals): SpendTotals {
  a.input_tokens += b.input_tokens;
  a.output_tokens += b.output_tokens;
  a.cache_creation_input_tokens += b.cache_creation_input_tokens;
  a.cache_read_input_tokens += b.cache_read_input_tokens;
  // Not rounded per call: 6 decimals on each addition lost ~0.1% of the total at $0.00007 a call.
  if (b.cost_usd !== null) a.cost_usd = (a.cost_usd ?? 0) + b.cost_usd;
  return a;
}
