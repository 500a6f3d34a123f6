import { expect, it, onTestFinished } from 'vitest';
import { startClaudeFake } from '../../src/sandbox/claude-server.js';
import type { Dialect } from '../../src/store/database-target.js';
import { cliEnv, runCli } from '../helpers/cli.js';
import { describeEachDialect, seededDatabase } from '../helpers/dialects.js';
import { tempDir } from '../helpers/temp-dir.js';

const KEY = 'sk-ant-hourly';
const PROBLEMS = ['The mobile app crashes on login.', 'Exporting a report to CSV is very slow.', 'I was charged twice this month.'];

async function setup(dialect: Dialect) {
  const home = tempDir();
  const db = await seededDatabase(
    dialect,
    home,
    Array.from({ length: 6 }, (_, i) => ({ id: i + 1, subject: `Ticket ${i + 1}`, description: PROBLEMS[i % 3]!, requester: { id: 500 + i, name: `Customer ${i}`, email: `c${i}@example.net` } })),
  );
  const claude = await startClaudeFake({ apiKey: KEY });
  onTestFinished(() => claude.close());
  const env = cliEnv(home, { ISSUETRACK_DB: db, ANTHROPIC_BASE_URL: claude.url, ANTHROPIC_API_KEY: KEY });
  return { env, claude };
}

describeEachDialect('the hourly trends job', (dialect) => {
  it('collects an ended Message Batch and puts its issues into themes', async () => {
    const { env } = await setup(dialect);
    const submitted = await runCli(['analyze', '--batch', '--json'], { env });
    expect(submitted.exitCode).toBe(0);
    expect(JSON.parse(submitted.stdout).result.tickets_submitted).toBe(6);

    const result = await runCli(['trends', '--json'], { env });
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    const record = JSON.parse(result.stdout).result;
    expect(record.batches).toMatchObject({ batches_collected: 1, tickets_analyzed: 6, tickets_failed: 0 });
    expect(record.issues_placed).toBe(record.batches.issues_extracted);
    expect(record.clusters).toBeGreaterThanOrEqual(3);
    const status = JSON.parse((await runCli(['status', '--json'], { env })).stdout);
    expect(status.analysis.open_batches).toEqual([]);
  });

  it('reports no batches and needs no Claude key when none is open', async () => {
    const { env } = await setup(dialect);
    const result = await runCli(['trends', '--json'], { env: { ...env, ANTHROPIC_API_KEY: '' } });
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout).result.batches).toBeNull();
  });

  it('still updates themes when an open batch cannot be collected, then exits with that error', async () => {
    const { env } = await setup(dialect);
    expect((await runCli(['analyze', '--max-cost', '1', '--batch-size', '3'], { env })).exitCode).toBe(0); // live: 3 tickets
    expect((await runCli(['analyze', '--batch'], { env })).exitCode).toBe(0); // the other 3 in a batch
    const result = await runCli(['trends', '--json'], { env: { ...env, ANTHROPIC_API_KEY: 'sk-ant-revoked' } });
    expect(result.exitCode).toBe(77);
    const record = JSON.parse(result.stdout);
    expect(record.status).toBe('failed');
    expect(record.result.batches).toEqual({ error: expect.stringMatching(/rejected the API key/), exit_code: 77 });
    expect(record.result.issues_placed).toBeGreaterThan(0);
  });
});
