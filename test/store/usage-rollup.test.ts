import { describe, expect, it } from 'vitest';
import { readAnalysisStatus } from '../../src/analysis/analysis-status.js';
import { tempStore } from '../helpers/store.js';

describe('the daily Claude usage rollup', () => {
  it('adds every recorded call to its UTC day, so status sums days instead of calls', async () => {
    const store = tempStore();
    const { sqlite } = store;
    const call = sqlite.prepare(
      `INSERT INTO api_usage (at, model, mode, input_tokens, output_tokens, cache_creation_input_tokens, cache_read_input_tokens, cost_usd)
       VALUES (?, 'm', 'live', ?, 10, 1, 100, ?)`,
    );
    call.run('2026-11-28T00:00:01.000Z', 100, 0.5);
    call.run('2026-11-28T23:59:59.000Z', 200, null); // a model without a price
    call.run('2026-11-27T12:00:00.000Z', 1000, 0.25);
    call.run('2026-10-01T12:00:00.000Z', 5000, 9); // older than 30 days
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
