import { describe, expect, it } from 'vitest';
import { backoffDelayMs, parseRetryAfterMs } from '../src/retry-timing.js';

describe('retry timing', () => {
  it('grows the backoff ceiling exponentially up to the cap', () => {
    expect(backoffDelayMs(1, 100, 1000, 1)).toBe(100);
    expect(backoffDelayMs(3, 100, 1000, 1)).toBe(400);
    expect(backoffDelayMs(10, 100, 1000, 1)).toBe(1000);
    expect(backoffDelayMs(3, 100, 1000, 0.5)).toBe(200);
    expect(backoffDelayMs(3, 100, 1000, 0)).toBe(1);
  });

  it('reads Retry-After as seconds, fractions or an HTTP date', () => {
    expect(parseRetryAfterMs('60', 0)).toBe(60_000);
    expect(parseRetryAfterMs('0.25', 0)).toBe(250);
    expect(parseRetryAfterMs('Sat, 28 Nov 2026 12:00:10 GMT', Date.parse('2026-11-28T12:00:00Z'))).toBe(10_000);
    expect(parseRetryAfterMs(null, 0)).toBeUndefined();
    expect(parseRetryAfterMs('soon', 0)).toBeUndefined();
  });
});
