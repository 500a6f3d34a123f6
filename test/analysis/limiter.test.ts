import { setMaxListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { AdaptiveLimiter } from '../../src/analysis/limiter.js';
import { afterSuccess, afterThrottle, backoffMs, exhaustedBucketWaitMs, retryAfterMs } from '../../src/analysis/limiter-math.js';

const headers = (h: Record<string, string>) => (name: string) => h[name] ?? null;
const NOW = Date.parse('2026-11-28T12:00:00Z');

describe('limiter math', () => {
  it('reads retry-after-ms, retry-after seconds and retry-after dates', () => {
    expect(retryAfterMs(headers({ 'retry-after-ms': '250', 'retry-after': '9' }), NOW)).toBe(250);
    expect(retryAfterMs(headers({ 'retry-after': '2' }), NOW)).toBe(2000);
    expect(retryAfterMs(headers({ 'retry-after': 'Sat, 28 Nov 2026 12:00:03 GMT' }), NOW)).toBe(3000);
    expect(retryAfterMs(headers({}), NOW)).toBeUndefined();
  });
  it('waits until the reset of an empty rate-limit bucket', () => {
    expect(exhaustedBucketWaitMs(headers({ 'anthropic-ratelimit-requests-remaining': '0', 'anthropic-ratelimit-requests-reset': '2026-11-28T12:00:05Z' }), NOW)).toBe(5000);
    expect(exhaustedBucketWaitMs(headers({ 'anthropic-ratelimit-tokens-remaining': '12', 'anthropic-ratelimit-tokens-reset': '2026-11-28T12:00:05Z' }), NOW)).toBe(0);
  });
  it('backs off exponentially with at most 25% jitter, capped at 8 s', () => {
    expect(backoffMs(0, 0)).toBe(500);
    expect(backoffMs(2, 1)).toBe(1500);
    expect(backoffMs(10, 0)).toBe(8000);
  });
  it('halves on throttle and grows by half a slot on success, within bounds', () => {
    expect(afterThrottle(8)).toBe(4);
    expect(afterThrottle(1)).toBe(1);
    expect(afterSuccess(4, 8)).toBe(4.5);
    expect(afterSuccess(8, 8)).toBe(8);
  });
});

describe('AdaptiveLimiter', () => {
  it('never lets more than maxConcurrency hold a slot', async () => {
    const limiter = new AdaptiveLimiter({ maxConcurrency: 3, clock: { now: () => NOW } });
    const signal = new AbortController().signal;
    setMaxListeners(0, signal); // 20 waiters on one signal, as the task signal has (run-task.ts)
    let holding = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        const release = await limiter.acquire(signal);
        holding++;
        peak = Math.max(peak, holding);
        await new Promise((r) => setImmediate(r));
        holding--;
        release();
      }),
    );
    expect(peak).toBe(3);
    expect(limiter.peakInFlight).toBe(3);
  });
  it('pauses every caller for retry-after after a 429 and halves the limit', async () => {
    let now = NOW;
    const slept: number[] = [];
    const limiter = new AdaptiveLimiter({
      maxConcurrency: 8,
      clock: { now: () => now },
      sleep: async (ms) => {
        slept.push(ms);
        now += ms;
      },
    });
    const wait = limiter.noteFailure('capacity', headers({ 'retry-after': '3' }), 500);
    expect(wait).toBe(3000);
    expect(limiter.limit).toBe(4);
    const release = await limiter.acquire(new AbortController().signal);
    release();
    expect(slept).toEqual([3000]);
  });
  it('rejects a waiting caller when the signal aborts', async () => {
    const limiter = new AdaptiveLimiter({ maxConcurrency: 1, clock: { now: () => NOW } });
    const controller = new AbortController();
    await limiter.acquire(controller.signal);
    const waiting = limiter.acquire(controller.signal);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
  });
});
