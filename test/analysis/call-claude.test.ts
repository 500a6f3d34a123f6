import { describe, expect, it, onTestFinished } from 'vitest';
import { callClaude } from '../../src/analysis/call-claude.js';
import { createClaudeClient } from '../../src/analysis/claude-client.js';
import { AdaptiveLimiter } from '../../src/analysis/limiter.js';
import { analysisParams } from '../../src/analysis/prompt.js';
import { resolveConfig } from '../../src/config.js';
import { startClaudeFake } from '../../src/sandbox/claude-server.js';
import { TEST_KEY } from './analysis-fixture.js';

async function setup() {
  const fake = await startClaudeFake({ apiKey: TEST_KEY });
  onTestFinished(() => fake.close());
  const config = resolveConfig({ flags: {}, env: { HOME: '/nonexistent', ANTHROPIC_API_KEY: TEST_KEY, ANTHROPIC_BASE_URL: fake.url }, cwd: '/' });
  const claude = await createClaudeClient(config);
  const limiter = new AdaptiveLimiter({ maxConcurrency: 1, clock: { now: () => Date.now() } });
  return { fake, claude, limiter, params: analysisParams(claude.model, 'The export crashes.') };
}

describe('callClaude', () => {
  it('sends nothing once the caller no longer wants the call, and frees the slot', async () => {
    const { fake, claude, limiter, params } = await setup();
    const signal = new AbortController().signal;
    const outcome = await callClaude(claude, limiter, params, { signal, stillWanted: () => false });
    expect(outcome).toMatchObject({ ok: false, notSent: true });
    expect(fake.requests).toHaveLength(0);
    expect(limiter.inFlight).toBe(0);
    // The slot is free: a wanted call goes out and is answered.
    expect(await callClaude(claude, limiter, params, { signal, stillWanted: () => true })).toMatchObject({ ok: true });
    expect(fake.requests).toHaveLength(1);
  });
});
