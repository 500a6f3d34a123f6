import { describe, expect, it } from 'vitest';
import { Budget } from '../../src/analysis/budget.js';
import { costUsd, estimateCallUsd, priceOf } from '../../src/analysis/pricing.js';

const usage = (input: number, output: number, write = 0, read = 0) => ({ input_tokens: input, output_tokens: output, cache_creation_input_tokens: write, cache_read_input_tokens: read });

describe('pricing', () => {
  it('prices Haiku 5.5 input, output, cache write and cache read per million tokens', () => {
    expect(costUsd(usage(100_000, 0), 'claude-haiku-5-5', 'live')).toBeCloseTo(0.01, 10);
    expect(costUsd(usage(0, 1_000_000), 'claude-haiku-5-5', 'live')).toBeCloseTo(0.5, 10);
    expect(costUsd(usage(0, 0, 40_000, 60_000), 'claude-haiku-5-5', 'live')).toBeCloseTo(0.005 + 0.0006, 10);
  });
  it('halves batch prices', () => {
    expect(costUsd(usage(2000, 300), 'claude-sonnet-5-5', 'batch')).toBeCloseTo((2000 * 2 + 300 * 10) / 2e6, 12);
  });
  it('uses the long-context tier above 100k prompt tokens', () => {
    expect(costUsd(usage(200_000, 0), 'claude-haiku-5-5', 'live')).toBeCloseTo(0.1, 10);
  });
  it('prices dated model ids as their family and has no price for unknown models', () => {
    expect(priceOf('claude-haiku-4-5-20251001')).toBe(priceOf('claude-haiku-4-5'));
    expect(costUsd(usage(10, 10), 'claude-test-unpriced', 'live')).toBeNull();
    expect(estimateCallUsd('mystery', 10, 10, 'live')).toBeNull();
  });
});

describe('Budget', () => {
  it('refuses the reservation that would pass the limit and every one after it', () => {
    const b = new Budget(1);
    expect(b.tryReserve(0.4)).toBe(true);
    expect(b.tryReserve(0.4)).toBe(true);
    expect(b.tryReserve(0.4)).toBe(false);
    b.settle(0.4, 0.1);
    expect(b.tryReserve(0.01)).toBe(false);
    expect(b.stopped).toBe(true);
  });
  it('counts settled cost instead of the estimate', () => {
    const b = new Budget(1);
    b.tryReserve(0.9);
    b.settle(0.9, 0.2);
    expect(b.spentUsd).toBeCloseTo(0.2);
    expect(b.tryReserve(0.7)).toBe(true);
  });
  it('never refuses without a limit', () => {
    const b = new Budget(null);
    expect(b.tryReserve(1e9)).toBe(true);
  });
});
