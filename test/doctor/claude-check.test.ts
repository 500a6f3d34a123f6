import { describe, expect, it, onTestFinished } from 'vitest';
import { claudeCheck } from '../../src/doctor/claude-check.js';
import { resolveConfig } from '../../src/config.js';
import { startClaudeFake } from '../../src/sandbox/claude-server.js';

async function check(env: Record<string, string>, fakeKey = 'sk-good') {
  const fake = await startClaudeFake({ apiKey: fakeKey });
  onTestFinished(() => fake.close());
  const config = resolveConfig({ flags: {}, env: { HOME: '/nonexistent', ANTHROPIC_BASE_URL: fake.url, ...env }, cwd: '/' });
  const result = await claudeCheck.run({ config, configError: undefined, signal: new AbortController().signal, clock: { now: () => Date.now() } });
  return { result, fake };
}

describe('doctor claude check', () => {
  it('passes when the key is accepted and the model exists, after GET /v1/models', async () => {
    const { result, fake } = await check({ ANTHROPIC_API_KEY: 'sk-good' });
    expect(result.status).toBe('pass');
    expect(fake.requests.map((r) => `${r.method} ${r.path.split('?')[0]}`)).toEqual(['GET /v1/models', 'GET /v1/models/claude-haiku-5-5']);
  });
  it('fails with 77 when the key is rejected', async () => {
    const { result } = await check({ ANTHROPIC_API_KEY: 'sk-bad' });
    expect(result).toMatchObject({ status: 'fail', exitCode: 77 });
  });
  it('fails with 78 for a model the API does not have, and when no key is set', async () => {
    expect((await check({ ANTHROPIC_API_KEY: 'sk-good', ISSUETRACK_MODEL: 'claude-nonexistent' })).result).toMatchObject({ status: 'fail', exitCode: 78 });
    expect((await check({})).result).toMatchObject({ status: 'fail', exitCode: 78 });
  });
});
