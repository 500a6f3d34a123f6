import { expect, it, onTestFinished } from 'vitest';
import { startClaudeFake } from '../../src/sandbox/claude-server.js';
import type { Dialect } from '../../src/store/database-target.js';
import { cliEnv, runCli } from '../helpers/cli.js';
import { describeEachDialect, seededDatabase } from '../helpers/dialects.js';
import { tempDir } from '../helpers/temp-dir.js';

const KEY = 'sk-ant-cli-key';

async function setup(dialect: Dialect, tickets = 5) {
  const home = tempDir();
  const db = await seededDatabase(
    dialect,
    home,
    Array.from({ length: tickets }, (_, i) => ({ id: i + 1, subject: `Ticket ${i + 1}`, description: 'The mobile app crashes on login.', requester: { id: 900 + i, name: 'Priya Raman', email: 'priya@example.net' } })),
  );
  const fake = await startClaudeFake({ apiKey: KEY });
  onTestFinished(() => fake.close());
  const env = (extra: Record<string, string | undefined> = {}) => cliEnv(home, { ISSUETRACK_DB: db, ANTHROPIC_BASE_URL: fake.url, ANTHROPIC_API_KEY: KEY, ...extra });
  return { fake, env };
}

describeEachDialect('issuetrack analyze (subprocess)', (dialect) => {
  it('analyses against the API named by ANTHROPIC_BASE_URL and prints one JSON run record', async () => {
    const { fake, env } = await setup(dialect);
    const r = await runCli(['analyze', '--json', '--concurrency', '2'], { env: env() });
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    const record = JSON.parse(r.stdout);
    expect(record).toMatchObject({ task: 'analyze', status: 'completed', error: null });
    expect(record.result).toMatchObject({ tickets_analyzed: 5, tickets_failed: 0 });
    for (const field of ['issues_extracted', 'input_tokens', 'output_tokens', 'cost_usd']) expect(typeof record.result[field]).toBe('number');
    expect(fake.requests.filter((q) => q.path === '/v1/messages').every((q) => !q.body.includes('priya@example.net') && !q.body.includes('Priya'))).toBe(true);
    expect(fake.requests.every((q) => q.headers.authorization === `Bearer ${KEY}` || q.headers['x-api-key'] === KEY)).toBe(true);

    const status = await runCli(['status', '--json'], { env: env() });
    const report = JSON.parse(status.stdout);
    expect(report.analysis.usage_today.calls).toBe(5);
    expect(report.analysis.usage_30d.input_tokens).toBe(record.result.input_tokens);
    expect(report.analysis.open_batches).toEqual([]);
  });

  it('exits 77 when the key is rejected, naming neither key', async () => {
    const { env } = await setup(dialect, 2);
    const r = await runCli(['analyze', '--json'], { env: env({ ANTHROPIC_API_KEY: 'sk-ant-wrong' }) });
    expect(r.exitCode).toBe(77);
    expect(r.stderr).toMatch(/^issuetrack: Claude rejected the API key/);
    expect(r.stderr).not.toContain('sk-ant-wrong');
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'failed' });
  });

  it('exits 78 when no API key is configured', async () => {
    const { env } = await setup(dialect, 1);
    const r = await runCli(['analyze'], { env: env({ ANTHROPIC_API_KEY: undefined }) });
    expect(r.exitCode).toBe(78);
    expect(r.stderr).toContain('ANTHROPIC_API_KEY');
  });

  it('submits with --batch and lists the open batch in status', async () => {
    const { env } = await setup(dialect, 3);
    const r = await runCli(['analyze', '--batch', '--json'], { env: env() });
    expect(r.exitCode).toBe(0);
    const batchId = JSON.parse(r.stdout).result.batch_id;
    const status = JSON.parse((await runCli(['status', '--json'], { env: env() })).stdout);
    expect(status.analysis.open_batches.map((b: { id: string }) => b.id)).toEqual([batchId]);
    const collect = JSON.parse((await runCli(['analyze', '--json'], { env: env() })).stdout);
    expect(collect.result).toMatchObject({ batches_collected: 1, tickets_analyzed: 3 });
  });
});
