import { join } from 'node:path';
import { expect, it, onTestFinished } from 'vitest';
import { startClaudeFake } from '../../src/sandbox/claude-server.js';
import { ZendeskModel } from '../../src/sandbox/zendesk-model.js';
import { startFakeZendesk, TEST_CREDENTIALS } from '../../src/sandbox/zendesk-server.js';
import { cliEnv, runCli } from '../helpers/cli.js';
import type { Dialect } from '../../src/store/database-target.js';
import { describeEachDialect } from '../helpers/dialects.js';
import { createDatabase } from '../helpers/postgres.js';
import { tempDir } from '../helpers/temp-dir.js';

const KEY = 'sk-ant-pipeline-test';

async function setup(dialect: Dialect) {
  const home = tempDir();
  const model = new ZendeskModel({ seed: 11 }).seed(30, 3);
  const zendesk = await startFakeZendesk({ model });
  const claude = await startClaudeFake({ apiKey: KEY });
  onTestFinished(async () => {
    await zendesk.close();
    await claude.close();
  });
  const env = cliEnv(home, {
    ISSUETRACK_DB: dialect === 'sqlite' ? join(home, 'pipeline.db') : await createDatabase(),
    ZENDESK_URL: zendesk.url,
    ZENDESK_EMAIL: TEST_CREDENTIALS.email,
    ZENDESK_API_TOKEN: TEST_CREDENTIALS.apiToken,
    ANTHROPIC_BASE_URL: claude.url,
    ANTHROPIC_API_KEY: KEY,
  });
  return { env, zendesk, claude, model };
}

describeEachDialect('issuetrack pipeline', (dialect) => {
  it('syncs, analyses and builds themes in one run and prints each step\'s result', async () => {
    const { env, claude } = await setup(dialect);
    const result = await runCli(['pipeline', '--json'], { env });
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    const record = JSON.parse(result.stdout);
    expect(record).toMatchObject({ task: 'pipeline', status: 'completed', error: null });
    const { sync, analyze, trends } = record.result;
    expect(sync.tickets_upserted).toBeGreaterThan(0);
    expect(analyze.tickets_analyzed + analyze.tickets_failed).toBe(sync.tickets_upserted - sync.tickets_deleted);
    expect(analyze.tickets_analyzed).toBeGreaterThan(0);
    expect(claude.stats.messages).toBeGreaterThan(0);
    expect(trends.clusters).toBeGreaterThan(0);

    const status = JSON.parse((await runCli(['status', '--json'], { env })).stdout);
    expect(status.jobs.find((j: { name: string }) => j.name === 'pipeline').last_run).toMatchObject({ run_id: record.run_id, status: 'completed' });
    expect(status.totals.tickets_analyzed).toBe(analyze.tickets_analyzed);
    expect(status.totals.clusters).toBe(trends.clusters);
  });

  it('still analyses and updates themes when Zendesk rejects it, then exits 77', async () => {
    const { env } = await setup(dialect);
    expect((await runCli(['sync'], { env })).exitCode).toBe(0); // tickets already here, none analysed yet
    const result = await runCli(['pipeline', '--json'], { env: { ...env, ZENDESK_API_TOKEN: 'revoked-token' } });
    expect(result.exitCode).toBe(77);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    const record = JSON.parse(result.stdout);
    expect(record.status).toBe('failed');
    expect(record.result.sync).toEqual({ error: expect.stringMatching(/Couldn't authenticate you/), exit_code: 77 });
    expect(record.result.analyze.tickets_analyzed).toBeGreaterThan(0);
    expect(record.result.trends.clusters).toBeGreaterThan(0);
  });
});
