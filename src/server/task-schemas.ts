/**
 * JSON schemas of the POST /api/tasks/* bodies: the CLI flags of each task in snake_case, with
 * the same ranges and defaults (program/task-commands.ts), so a body the CLI would refuse gets a 400 here.
 *  Unknown fields are refused and nothing is coerced (strict-validation.ts): a misspelt option
 * must not silently run a task with its default.
 */

import { MAX_COST_RANGE } from '../analysis/budget.js';

// null is the source service's "incremental" (its documented `{"backfill_days": null}`), as is leaving it out.
const backfillDays = { type: ['integer', 'null'], minimum: 1, maximum: 3650, description: 'restart the export from N days ago; null or absent: incremental' } as const;

const analyzeFields = {
  batch_size: { type: 'integer', minimum: 1, maximum: 100_000, default: 500, description: 'most tickets to analyse in this run' },
  concurrency: { type: 'integer', minimum: 1, maximum: 64, default: 8, description: 'Claude requests in flight at once' },
  max_cost: { type: 'number', minimum: MAX_COST_RANGE.min, maximum: MAX_COST_RANGE.max, description: 'USD: stop starting calls once the estimate would pass this' },
  batch: { type: 'boolean', default: false, description: 'submit as a Message Batch (half price; later runs collect the results)' },
  redact: { type: 'boolean', default: true, description: 'redact personal data before sending ticket text' },
  model: { type: 'string', minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9._:@/-]+$', description: 'Claude model id (default: ISSUETRACK_MODEL)' },
} as const;

const nameWithClaude = { type: 'boolean', default: false, description: 'name and describe themes with one Claude call' } as const;

const body = <P extends Record<string, unknown>>(description: string, properties: P) =>
  ({ type: 'object', description, additionalProperties: false, properties }) as const;

export const syncBodySchema = body('options of `issuetrack sync`', { backfill_days: backfillDays });
export const analyzeBodySchema = body('options of `issuetrack analyze`', analyzeFields);
const consolidateWithClaude = { type: 'boolean', default: false, description: 'merge the near-duplicate themes Claude says are one problem' } as const;

export const trendsBodySchema = body('options of `issuetrack trends`', { name_with_claude: nameWithClaude, consolidate_with_claude: consolidateWithClaude });
export const pipelineBodySchema = body('options of `issuetrack pipeline`', {
  backfill_days: backfillDays,
  ...analyzeFields,
  name_with_claude: nameWithClaude,
});
