import { expect, it } from 'vitest';
import { readAnalysisStatus } from '../../src/analysis/analysis-status.js';
import { execute } from '../../src/store/raw-query.js';
import { describeEachDialect, tempStoreOf } from '../helpers/dialects.js';

describeEachDialect('the daily Claude usage rollup', (dialect) => {
  it('adds every recorded call to its UTC day, so status sums days instead of calls', async () => {
    const store = await tempStoreOf(dialect);
    const call = (at: string, inputTokens: number, costUsd: number | null) =>
      execute(
        store,
        `INSERT INTO api_usage (at, model, mode, input_tokens, output_tokens, cache_creation_input_tokens, cache_read_input_tokens, cost_usd)
         VALUES (?, 'm', 'live', ?, 10, 1, 100, ?)`,
        [at, inputTokens, costUsd],
      );
    await call('2026-11-28T00:00:01.000Z', 100, 0.5);
    await call('2026-11-28T23:59:59.000Z', 200, null); // a model without a price
    await call('2026-11-27T12:00:00.000Z', 1000, 0.25);
    await call('2026-10-01T12:00:00.000Z', 5000, 9); // older than 30 days
    const status = await readAnalysisStatus(store, Date.parse('2026-11-28T15:00:00Z'));
    expect(status.usage_today).toEqual({
      calls: 2,
      input_tokens: 300,
      output_tokens: 20,
      cache_creation_input_tokens: 2,
      cache_read_input_tokens: 200,
      cost_usd: 0.5,
      unpriced_calls: 1,
    });
    expect(status.usage_30d).toMatchObject({ calls: 3, input_tokens: 1300, cost_usd: 0.75, unpriced_calls: 1 });
  });
});
