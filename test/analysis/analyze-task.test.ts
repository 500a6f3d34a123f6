import { expect, it } from 'vitest';
import { createClaudeClient } from '../../src/analysis/claude-client.js';
import { analyze } from '../../src/analysis/analyze-task.js';
import { resolveConfig } from '../../src/config.js';
import { runTask } from '../../src/worker/run-task.js';
import type { Deps } from '../../src/deps.js';
import { describeEachDialect, rowsOf } from '../helpers/dialects.js';
import { seedTicketsInto, touchTicket, type SeedTicket } from '../helpers/seed-tickets.js';
import { analysisSetupOn, defaultOptions, runAnalyze, statuses, TEST_KEY } from './analysis-fixture.js';

const complaints = [
  'The CSV export crashes every time I click it.',
  'The dashboard is so slow, it takes forever to load.',
  'I was charged twice on my invoice this month, please refund.',
  'I am locked out and the password reset email never arrives.',
  'It would be great if you could add dark mode to the editor.',
  'Thanks, everything works now!',
];

function tickets(n: number, from = 1): SeedTicket[] {
  return Array.from({ length: n }, (_, i) => ({
    id: from + i,
    subject: `Ticket number ${from + i}`,
    description: complaints[i % complaints.length]!,
    requester: { id: 10_000 + from + i, name: `Customer ${from + i}`, email: `c${from + i}@example.org` },
  }));
}

const rows = (deps: Deps, query: string) => rowsOf(deps.db, query);

describeEachDialect('analyze (live)', (dialect) => {
  it('analyses every ticket and stores the issues derived from its text', async () => {
    const { fake, deps } = await analysisSetupOn(dialect);
    await seedTicketsInto(deps.store, tickets(30));
    const outcome = await runAnalyze(deps);
    expect(outcome.error).toBeUndefined();
    const r = outcome.record.result!;
    expect(r.tickets_analyzed).toBe(30);
    expect(r.tickets_failed).toBe(0);
    expect([...(await statuses(deps)).values()].every((s) => s.status === 'analyzed')).toBe(true);
    const crash = await rows(deps, 'SELECT category, component FROM issues WHERE ticket_id = 1 ORDER BY position');
    expect(crash).toEqual([{ category: 'bug', component: 'csv export' }]);
    const billing = await rows(deps, 'SELECT category FROM issues WHERE ticket_id = 3 ORDER BY position');
    expect(billing).toEqual([{ category: 'billing' }]);
    const thanks = (await rows(deps, 'SELECT is_product_issue, sentiment FROM ticket_analyses WHERE ticket_id = 6'))[0];
    expect(thanks).toEqual({ is_product_issue: 0, sentiment: 'positive' });
    const issueCount = ((await rows(deps, 'SELECT count(*) AS n FROM issues'))[0] as { n: number }).n;
    expect(r.issues_extracted).toBe(issueCount);
    expect(fake.stats.messages).toBe(30);
    const usage = (await rows(deps, "SELECT count(*) AS n, sum(input_tokens) AS input, sum(output_tokens) AS output FROM api_usage WHERE mode = 'live'"))[0] as {
      n: number;
      input: number;
      output: number;
    };
    expect(usage.n).toBe(30);
    expect(r.input_tokens).toBe(usage.input);
    expect(r.output_tokens).toBe(usage.output);
    expect(r.cost_usd).toBeGreaterThan(0);
  });

  it('sends structured output with cache_control on the system prompt and no forced tool_choice', async () => {
    const { fake, deps } = await analysisSetupOn(dialect);
    await seedTicketsInto(deps.store, tickets(3));
    await runAnalyze(deps, { concurrency: 1 });
    const bodies = fake.requests.filter((r) => r.path === '/v1/messages').map((r) => JSON.parse(r.body));
    expect(bodies).toHaveLength(3);
    for (const body of bodies) {
      expect(body.output_config.format.type).toBe('json_schema');
      expect(body.output_config.format.schema.properties.issues.items.properties.category.enum).toContain('data_loss');
      expect(body.system.at(-1).cache_control).toEqual({ type: 'ephemeral' });
      expect(body.tool_choice).toBeUndefined();
    }
    // One call writes the cache, the other two read what it wrote. Not by row order: a spare worker's
    // answer may be stored first (on PostgreSQL each transaction takes its own pooled connection).
    const usage = (await rows(deps, 'SELECT cache_creation_input_tokens AS w, cache_read_input_tokens AS r FROM api_usage')) as Array<{ w: number; r: number }>;
    const written = usage.filter((u) => u.w > 0);
    expect(written).toHaveLength(1);
    expect(usage.filter((u) => u.w === 0).map((u) => u.r)).toEqual([written[0]!.w, written[0]!.w]);
  });

  it('re-analyses changed tickets and leaves unchanged ones alone', async () => {
    const { fake, deps } = await analysisSetupOn(dialect);
    await seedTicketsInto(deps.store, tickets(12));
    await runAnalyze(deps);
    expect(fake.stats.messages).toBe(12);
    await touchTicket(deps.store, 2, { addComment: { body: 'Also, all my saved reports disappeared overnight.' } });
    await touchTicket(deps.store, 3, { statusOnly: 'pending' }); // sync touched it, but the text is the same
    const second = await runAnalyze(deps);
    expect(second.record.result!.tickets_analyzed).toBe(1);
    expect(fake.stats.messages).toBe(13);
    const categories = ((await rows(deps, 'SELECT category FROM issues WHERE ticket_id = 2 ORDER BY position')) as Array<{ category: string }>).map((c) => c.category);
    expect(categories).toContain('data_loss');
    const third = await runAnalyze(deps);
    expect(third.record.result!.tickets_analyzed).toBe(0);
    expect(fake.stats.messages).toBe(13);
  });

  it('re-analyses tickets analysed with another model', async () => {
    const { fake, deps } = await analysisSetupOn(dialect);
    await seedTicketsInto(deps.store, tickets(4));
    await runAnalyze(deps);
    const config = resolveConfig({ flags: { db: deps.store.path, model: 'claude-sonnet-5-5' }, env: { ANTHROPIC_API_KEY: TEST_KEY, ANTHROPIC_BASE_URL: fake.url }, cwd: '/' });
    const sonnet = await createClaudeClient(config);
    const outcome = await runTask(deps, 'analyze', {}, (ctx) => analyze(ctx, defaultOptions, sonnet));
    expect(outcome.record.result!.tickets_analyzed).toBe(4);
    const models = await rows(deps, 'SELECT DISTINCT model FROM ticket_analyses');
    expect(models).toEqual([{ model: 'claude-sonnet-5-5' }]);
  });

  it('skips deleted tickets', async () => {
    const { fake, deps } = await analysisSetupOn(dialect);
    await seedTicketsInto(deps.store, [...tickets(3), { id: 99, subject: 'gone', description: 'The export crashes', deleted: true }]);
    const outcome = await runAnalyze(deps);
    expect(outcome.record.result!.tickets_analyzed).toBe(3);
    expect(fake.requests.some((r) => r.body.includes('ticket id="99"'))).toBe(false);
  });

  it('caps the tickets of one run at --batch-size and takes the rest next time', async () => {
    const { deps } = await analysisSetupOn(dialect);
    await seedTicketsInto(deps.store, tickets(10));
    expect((await runAnalyze(deps, { batchSize: 4 })).record.result!.tickets_analyzed).toBe(4);
    expect((await runAnalyze(deps, { batchSize: 100 })).record.result!.tickets_analyzed).toBe(6);
  });

  it('keeps requests in flight at or under --concurrency', async () => {
    const { fake, deps } = await analysisSetupOn(dialect, { latencyMs: 20 });
    await seedTicketsInto(deps.store, tickets(40));
    const outcome = await runAnalyze(deps, { concurrency: 3 });
    expect(outcome.record.result!.tickets_analyzed).toBe(40);
    expect(fake.stats.maxInFlight).toBeLessThanOrEqual(3);
    expect(fake.stats.maxInFlight).toBeGreaterThan(1);
    expect(outcome.record.result!.peak_in_flight).toBeLessThanOrEqual(3);
  });

  it('stops starting calls once the estimate would pass --max-cost, leaving the rest pending', async () => {
    const { fake, deps } = await analysisSetupOn(dialect);
    await seedTicketsInto(deps.store, tickets(40));
    const outcome = await runAnalyze(deps, { maxCost: 0.002, concurrency: 4 });
    expect(outcome.error).toBeUndefined();
    const r = outcome.record.result!;
    expect(r.tickets_analyzed).toBeGreaterThan(0);
    expect(r.tickets_analyzed).toBeLessThan(40);
    expect(r.tickets_deferred).toBe(40 - r.tickets_analyzed - r.tickets_failed);
    expect(r.cost_usd!).toBeLessThanOrEqual(0.002);
    expect(fake.stats.messages).toBe(r.tickets_analyzed);
    const pending = [...(await statuses(deps)).values()].filter((s) => s.status === 'pending').length;
    expect(pending).toBe(r.tickets_deferred);
  });

  it('with 20% faults every ticket ends analysed or failed with a reason, and the next run finishes them', async () => {
    const { fake, deps } = await analysisSetupOn(dialect, { seed: 7, faults: { rate: 0.2 } });
    await seedTicketsInto(deps.store, tickets(60));
    const first = await runAnalyze(deps, { concurrency: 6 });
    expect(first.error).toBeUndefined();
    const after = [...(await statuses(deps)).values()];
    expect(after.filter((s) => s.status === 'pending')).toEqual([]);
    for (const s of after.filter((s) => s.status === 'failed')) expect(s.error).toMatch(/\w+/);
    expect(first.record.result!.tickets_analyzed + first.record.result!.tickets_failed).toBe(60);
    expect(fake.stats.errors).toBeGreaterThan(0);
    fake.setFaults(undefined);
    const second = await runAnalyze(deps);
    expect(second.record.result!.tickets_analyzed).toBe(first.record.result!.tickets_failed);
    expect([...(await statuses(deps)).values()].every((s) => s.status === 'analyzed')).toBe(true);
  });

  it('retries failed tickets in the next run', async () => {
    const { fake, deps } = await analysisSetupOn(dialect, { faults: { rate: 1, kinds: ['invalid_json', 'max_tokens'] } });
    await seedTicketsInto(deps.store, tickets(8));
    const first = await runAnalyze(deps);
    expect(first.record.result!.tickets_failed).toBe(8);
    expect([...(await statuses(deps)).values()].every((s) => s.status === 'failed' && /^(invalid answer|max_tokens)/.test(s.error ?? ''))).toBe(true);
    fake.setFaults(undefined);
    const second = await runAnalyze(deps);
    expect(second.record.result!.tickets_analyzed).toBe(8);
    const row = (await rows(deps, 'SELECT status, error, attempts FROM ticket_analyses WHERE ticket_id = 1'))[0];
    expect(row).toEqual({ status: 'analyzed', error: null, attempts: 0 });
  });

  it('retries a refused answer once, then records the ticket failed with the reason', async () => {
    const { fake, deps } = await analysisSetupOn(dialect, { faults: { rate: 1, kinds: ['refusal'] } });
    await seedTicketsInto(deps.store, tickets(3));
    const outcome = await runAnalyze(deps);
    expect(outcome.record.result!.tickets_failed).toBe(3);
    expect(fake.stats.messages).toBe(6);
    expect([...(await statuses(deps)).values()].map((s) => s.error)).toEqual(Array(3).fill('refusal: the model declined to answer'));
  });

  it('never takes a ticket twice in one run, though it failed before the selection reached the failed ones', async () => {
    // One slot: tickets fail one after another while the selection is still handing them out.
    const { fake, deps } = await analysisSetupOn(dialect, { latencyMs: 5, faults: { rate: 1, kinds: ['refusal'] } });
    await seedTicketsInto(deps.store, tickets(5));
    const outcome = await runAnalyze(deps, { concurrency: 1 });
    expect(outcome.record.result!.tickets_failed).toBe(5);
    expect(outcome.record.result!.tickets_selected).toBe(5);
    expect(fake.stats.messages).toBe(10); // one retry each
  });

  it('records an answer with an invented category as failed, never storing the category', async () => {
    const { deps } = await analysisSetupOn(dialect, { faults: { rate: 1, kinds: ['bad_category'] } });
    await seedTicketsInto(deps.store, tickets(1));
    await runAnalyze(deps);
    expect((await statuses(deps)).get(1)!.error).toMatch(/^invalid answer: issues\.0\.category/);
    expect(await rows(deps, 'SELECT count(*) AS n FROM issues')).toEqual([{ n: 0 }]);
  });

  it('fails the run with exit 77 when the API key is rejected, and analyses nothing', async () => {
    const { deps } = await analysisSetupOn(dialect, { apiKey: 'sk-ant-the-right-one' });
    await seedTicketsInto(deps.store, tickets(3));
    const outcome = await runAnalyze(deps);
    expect(outcome.error?.exitCode).toBe(77);
    expect(outcome.record.status).toBe('failed');
    expect(outcome.error?.message).not.toContain(TEST_KEY);
    expect([...(await statuses(deps)).values()].every((s) => s.status === 'pending')).toBe(true);
  });
});
