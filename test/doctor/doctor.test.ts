import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { AuthError } from '../../src/errors.js';
import { runDoctor, worstExitCode } from '../../src/doctor/run-doctor.js';
import { startClaudeFake } from '../../src/sandbox/claude-server.js';
import { ZendeskModel } from '../../src/sandbox/zendesk-model.js';
import { TEST_CREDENTIALS } from '../../src/sandbox/zendesk-server.js';
import { cliEnv, runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import { fakeZendesk } from '../zendesk/sync-harness.js';

const clock = { now: () => Date.now() };

function env(extra: Record<string, string>) {
  const home = tempDir();
  return cliEnv(home, { ISSUETRACK_DB: join(home, 'd.db'), ISSUETRACK_ZENDESK_RETRY_BASE_MS: '5', ...extra });
}

describe('doctor', () => {
  it('ranks auth failures over unreachable hosts over configuration', () => {
    expect(worstExitCode([])).toBe(0);
    expect(worstExitCode([78, 69])).toBe(69);
    expect(worstExitCode([78, 77, 69])).toBe(77);
    expect(worstExitCode([1])).toBe(1);
  });

  it('records a throwing check as a failure with its exit code and runs the rest', async () => {
    const report = await runDoctor(
      [
        { name: 'boom', run: async () => { throw new AuthError('nope'); } },
        { name: 'fine', run: async () => ({ status: 'pass', detail: 'ok' }) },
      ],
      { config: undefined, configError: undefined, signal: new AbortController().signal, clock },
    );
    expect(report).toEqual({
      ok: false,
      exit_code: 77,
      checks: [
        { name: 'boom', status: 'fail', detail: 'nope' },
        { name: 'fine', status: 'pass', detail: 'ok' },
      ],
    });
  });

  it('passes every check against a reachable Zendesk and Claude with good credentials', async () => {
    const fake = await fakeZendesk({ model: new ZendeskModel() });
    const claude = await startClaudeFake({ apiKey: 'sk-doctor' });
    onTestFinished(() => claude.close());
    const result = await runCli(['doctor'], {
      env: env({ ZENDESK_URL: fake.url, ZENDESK_EMAIL: TEST_CREDENTIALS.email, ZENDESK_API_TOKEN: TEST_CREDENTIALS.apiToken, ANTHROPIC_BASE_URL: claude.url, ANTHROPIC_API_KEY: 'sk-doctor' }),
    });
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout.split('\n').filter(Boolean).map((l) => l.split('\t').slice(0, 2))).toEqual([
      ['config', 'pass'],
      ['database', 'pass'],
      ['zendesk', 'pass'],
      ['claude', 'pass'],
    ]);
    expect(fake.stats.byRoute['/api/v2/users/me.json']).toBe(1);
  });

  it('exits 77 when Zendesk rejects the credentials', async () => {
    const fake = await fakeZendesk();
    const result = await runCli(['doctor', '--json'], { env: env({ ZENDESK_URL: fake.url, ZENDESK_OAUTH_TOKEN: 'revoked' }) });
    expect(result.exitCode).toBe(77);
    const report = JSON.parse(result.stdout);
    expect(report.checks[2]).toMatchObject({ name: 'zendesk', status: 'fail' });
    expect(report.checks[2].detail).toContain("Couldn't authenticate you");
    expect(result.stderr).toBe('issuetrack: doctor: zendesk, claude failed\n'); // no Claude key here either
  });

  it('exits 69 when Zendesk cannot be reached', async () => {
    const fake = await fakeZendesk();
    const url = fake.url;
    await fake.close();
    const result = await runCli(['doctor', '--json'], { env: env({ ZENDESK_URL: url, ZENDESK_OAUTH_TOKEN: 'x' }) });
    expect(result.exitCode).toBe(69);
    expect(JSON.parse(result.stdout).checks[2].detail).toMatch(/unavailable after 2 attempts.*connection failed/);
  });

  it('exits 78 when Zendesk is not configured', async () => {
    const result = await runCli(['doctor', '--json'], { env: env({}) });
    expect(result.exitCode).toBe(78);
    expect(JSON.parse(result.stdout).checks[2].detail).toMatch(/ZENDESK_SUBDOMAIN/);
  });
});
