import { describe, expect, it, onTestFinished } from 'vitest';
import { startClaudeFake } from '../../src/sandbox/claude-server.js';
import type { Dialect } from '../../src/store/database-target.js';
import { queryOne } from '../../src/store/raw-query.js';
import type { Store } from '../../src/store/store.js';
import { cliEnv, runCli } from '../helpers/cli.js';
import { describeEachDialect, openReader, seededDatabase } from '../helpers/dialects.js';
import { seedTicketsInto } from '../helpers/seed-tickets.js';
import { tempDir } from '../helpers/temp-dir.js';
import { analysisSetupOn, runAnalyze, statuses, TEST_KEY } from './analysis-fixture.js';

function tickets(n: number, description = 'The search is slow and the export crashes.') {
  return Array.from({ length: n }, (_, i) => ({ id: i + 1, subject: `Ticket ${i + 1}`, description }));
}

/** The first column of the first row `sql` answers. */
async function value(store: Store, sql: string): Promise<unknown> {
  return Object.values((await queryOne<Record<string, unknown>>(store, sql))!)[0];
}

async function cliSetup(dialect: Dialect, fakeOptions: Parameters<typeof startClaudeFake>[0] = {}) {
  const home = tempDir();
  const db = await seededDatabase(dialect, home, tickets(6));
  const fake = await startClaudeFake({ apiKey: TEST_KEY, ...fakeOptions });
  onTestFinished(() => fake.close());
  return { fake, db, env: cliEnv(home, { ISSUETRACK_DB: db, ANTHROPIC_BASE_URL: fake.url, ANTHROPIC_API_KEY: TEST_KEY }) };
}

describeEachDialect('Claude faults that concern the whole run', (dialect) => {
  it('stops at a 402 billing_error with exit 77 and one line, leaving every ticket pending', async () => {
    const { env, db } = await cliSetup(dialect, { billingError: true });
    const r = await runCli(['analyze'], { env });
    expect(r.exitCode).toBe(77);
    expect(r.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/^issuetrack: Claude refused to bill the account .*402 billing_error: Your credit balance is too low/)]);
    expect(await value(await openReader(db), 'SELECT count(*) FROM ticket_analyses')).toBe(0);
  });

  it('refuses --model with an empty id before anything runs (64)', async () => {
    const { env, fake } = await cliSetup(dialect);
    const r = await runCli(['analyze', '--model', ''], { env });
    expect(r.exitCode).toBe(64);
    expect(r.stderr).toMatch(/^issuetrack: .*expected a Claude model id like claude-haiku-5-5, got ""/);
    expect(fake.requests).toHaveLength(0);
  });

  it('stops with 78 when Claude refuses every request of the run, and fails no ticket', async () => {
    const { fake, deps } = await analysisSetupOn(dialect, { faults: { rate: 1, kinds: ['400'] }, latencyMs: 30 });
    await seedTicketsInto(deps.store, tickets(20));
    const outcome = await runAnalyze(deps, { concurrency: 4 });
    expect(outcome.error?.exitCode).toBe(78);
    expect(outcome.record.error).toMatch(/^Claude refused the first 4 requests of this run and accepted none; the tickets stay pending .*output_config.effort: not supported/);
    expect([...(await statuses(deps)).values()].every((s) => s.status === 'pending')).toBe(true);
    // When the 4th refusal is counted, at most 4 calls are in flight (a spare worker may already
    // have taken the 4th's slot); none is sent after that, so 4 counted + 4 in flight at most.
    expect(fake.stats.errors).toBeLessThanOrEqual(4 + 4);
  });

  it('still fails a ticket Claude refuses once the run has had answers accepted', async () => {
    const { fake, deps } = await analysisSetupOn(dialect);
    await seedTicketsInto(deps.store, tickets(6));
    expect((await runAnalyze(deps, { concurrency: 1, batchSize: 3 })).error).toBeUndefined();
    fake.setFaults({ rate: 1, kinds: ['400'] });
    const outcome = await runAnalyze(deps, { concurrency: 1, batchSize: 2 });
    // A new run has no accepted call yet; two refusals are too few to blame the run: they fail.
    expect(outcome.error).toBeUndefined();
    expect(outcome.record.result).toMatchObject({ tickets_failed: 2 });
  });
});

describeEachDialect('answers and batches the API documents limits for', (dialect) => {
  it('keeps the 10 most severe of an answer with 13 issues and records that it was cut', async () => {
    const { deps } = await analysisSetupOn(dialect, { faults: { rate: 1, kinds: ['many_issues'] } });
    await seedTicketsInto(deps.store, tickets(2));
    const outcome = await runAnalyze(deps);
    expect(outcome.record.result).toMatchObject({ tickets_analyzed: 2, tickets_failed: 0, tickets_cut: 2, issues_extracted: 20 });
    const severities = (await deps.db.selectFrom('issues').select('severity').where('ticket_id', '=', 1).orderBy('position').execute()).map((r) => r.severity);
    // 13 issues: 2 critical, 2 high, 4 medium, 5 low in the answer; the cut drops 3 low ones.
    expect(severities).toEqual(['critical', 'critical', 'high', 'high', 'medium', 'medium', 'medium', 'medium', 'low', 'low']);
    expect((await statuses(deps)).get(1)).toEqual({ status: 'analyzed', error: 'kept the 10 most severe of 13 issues' });
  });

  it('splits a batch by size so that none passes the byte limit, and halves one the API still finds too large (413)', async () => {
    const big = 'The CSV export of a large report never finishes and the page times out. '.repeat(60); // ~4 KB a ticket
    const { fake, deps } = await analysisSetupOn(dialect, { maxBatchBytes: 40_000 });
    await seedTicketsInto(deps.store, tickets(30, big));
    const bySize = await runAnalyze(deps, { batch: true, batchLimits: { maxRequests: 100_000, maxBytes: 40_000 } });
    const ids = bySize.record.result!.batch_ids;
    expect(ids.length).toBeGreaterThan(2);
    expect(fake.stats.errors).toBe(0);
    const sizes = fake.requests.filter((r) => r.path === '/v1/messages/batches' && r.method === 'POST').map((r) => Buffer.byteLength(r.body));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(40_000);
    const counts = await queryOne(deps.store, 'SELECT sum(request_count) AS n, count(*) AS batches FROM message_batches');
    expect(counts).toEqual({ n: 30, batches: ids.length });

    // Our limit above the server's: the 413 halves the batch instead of failing every run.
    const { fake: strict, deps: deps2 } = await analysisSetupOn(dialect, { maxBatchBytes: 40_000 });
    await seedTicketsInto(deps2.store, tickets(30, big));
    const halved = await runAnalyze(deps2, { batch: true, batchLimits: { maxRequests: 100_000, maxBytes: 400_000 } });
    expect(halved.error).toBeUndefined();
    expect(strict.stats.errors).toBeGreaterThan(0);
    expect(await value(deps2.store, 'SELECT sum(request_count) FROM message_batches')).toBe(30);
  });

  it('splits a batch by count', async () => {
    const { deps } = await analysisSetupOn(dialect);
    await seedTicketsInto(deps.store, tickets(30));
    const outcome = await runAnalyze(deps, { batch: true, batchLimits: { maxRequests: 7, maxBytes: 256_000_000 } });
    expect(outcome.record.result!.batch_ids).toHaveLength(5);
    expect(await value(deps.store, 'SELECT max(request_count) FROM message_batches')).toBe(7);
  });
});

describeEachDialect('thinking and effort', (dialect) => {
  it('sends thinking disabled and effort medium to Haiku 5.5, so no call thinks', async () => {
    const { fake, deps } = await analysisSetupOn(dialect);
    await seedTicketsInto(deps.store, tickets(3));
    const outcome = await runAnalyze(deps);
    expect(outcome.record.result).toMatchObject({ tickets_analyzed: 3, thinking_calls: 0 });
    const body = JSON.parse(fake.requests.find((r) => r.path === '/v1/messages')!.body);
    expect(body.thinking).toEqual({ type: 'disabled' });
    expect(body.output_config.effort).toBe('medium');
  });
});

// The stand-in alone: no database.
describe('the Claude stand-in', () => {
  it('counts the thinking a model does by default, billed inside output tokens (stand-in)', async () => {
    const fake = await startClaudeFake({ apiKey: TEST_KEY });
    onTestFinished(() => fake.close());
    const ask = async (extra: Record<string, unknown>) =>
      (await (
        await fetch(`${fake.url}/v1/messages`, {
          method: 'POST',
          headers: { 'x-api-key': TEST_KEY, 'content-type': 'application/json' },
          body: JSON.stringify({ model: 'claude-haiku-5-5', max_tokens: 2048, messages: [{ role: 'user', content: '<ticket>The export crashes.</ticket>' }], ...extra }),
        })
      ).json()) as { content: Array<{ type: string }>; usage: { output_tokens: number } };
    const thinking = await ask({});
    const plain = await ask({ thinking: { type: 'disabled' } });
    expect(thinking.content[0]!.type).toBe('thinking');
    expect(plain.content.map((b) => b.type)).toEqual(['text']);
    expect(thinking.usage.output_tokens).toBeGreaterThan(plain.usage.output_tokens + 100);
  });
});
