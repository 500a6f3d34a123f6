import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { collectEndedBatches } from '../../src/analysis/batch-collect.js';
import { createClaudeClient } from '../../src/analysis/claude-client.js';
import { silentReporter } from '../../src/output/reporter.js';
import type { Deps } from '../../src/deps.js';
import { describeEachDialect, testDepsOf } from '../helpers/dialects.js';
import { seedTicketsInto, type SeedTicket } from '../helpers/seed-tickets.js';
import { analysisSetupOn, runAnalyze, statuses } from './analysis-fixture.js';

function tickets(n: number): SeedTicket[] {
  return Array.from({ length: n }, (_, i) => ({ id: i + 1, subject: `Ticket ${i + 1}`, description: 'The search is slow and the export crashes.' }));
}

/** The one number a `SELECT count(*) AS n …` answers. */
const count = async (deps: Deps, query: string) => Number((await sql.raw<{ n: number }>(query).execute(deps.db)).rows[0]!.n);

describeEachDialect('analyze --batch', (dialect) => {
  it('submits pending tickets as one batch and a later run stores its results at batch price', async () => {
    const { fake, deps } = await analysisSetupOn(dialect, { batchEndAfterPolls: 2 });
    await seedTicketsInto(deps.store, tickets(10));
    const submit = await runAnalyze(deps, { batch: true });
    const r1 = submit.record.result!;
    expect(r1.batch_id).toMatch(/^msgbatch_/);
    expect(r1.tickets_submitted).toBe(10);
    expect(r1.tickets_analyzed).toBe(0);
    expect(fake.stats.messages).toBe(0);
    expect([...(await statuses(deps)).values()].every((s) => s.status === 'pending')).toBe(true);

    // Still in progress at the first poll: nothing stored, nothing submitted twice.
    const early = await runAnalyze(deps, { batch: true });
    expect(early.record.result!.tickets_submitted).toBe(0);
    expect(early.record.result!.batches_open).toBe(1);

    const collect = await runAnalyze(deps);
    const r2 = collect.record.result!;
    expect(r2.batches_collected).toBe(1);
    expect(r2.tickets_analyzed).toBe(10);
    expect(r2.issues_extracted).toBe(20);
    expect(fake.stats.messages).toBe(0); // nothing went live
    expect(await count(deps, "SELECT count(*) AS n FROM ticket_analyses WHERE status = 'analyzed' AND mode = 'batch'")).toBe(10);
    const usage = await deps.db
      .selectFrom('api_usage')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('cost_usd').as('cost'), eb.fn.sum<number>('input_tokens').as('input'), eb.fn.sum<number>('output_tokens').as('output')])
      .where('mode', '=', 'batch')
      .executeTakeFirstOrThrow();
    expect(usage.n).toBe(10);
    // Haiku 5.5 at half price: $0.05 in, $0.25 out per MTok (cache columns are zero here or add their own share).
    expect(usage.cost).toBeGreaterThanOrEqual((usage.input * 0.05 + usage.output * 0.25) / 1e6 - 1e-12);
    expect(await count(deps, "SELECT count(*) AS n FROM message_batches WHERE status = 'collected'")).toBe(1);
  });

  it('resubmits errored and expired requests until every ticket is analysed', async () => {
    const { deps } = await analysisSetupOn(dialect, { seed: 3, batchErrorRate: 0.2, batchExpireRate: 0.15 });
    await seedTicketsInto(deps.store, tickets(40));
    await runAnalyze(deps, { batch: true });
    const second = await runAnalyze(deps, { batch: true });
    expect(second.record.result!.tickets_resubmitted).toBeGreaterThan(0);
    expect(second.record.result!.tickets_analyzed + second.record.result!.tickets_resubmitted).toBe(40);
    for (let i = 0; i < 5 && [...(await statuses(deps)).values()].some((s) => s.status !== 'analyzed'); i++) await runAnalyze(deps, { batch: true });
    const end = [...(await statuses(deps)).values()];
    expect(end.filter((s) => s.status === 'pending')).toEqual([]);
    for (const s of end.filter((s) => s.status === 'failed')) expect(s.error).toMatch(/batch request (errored|expired)/);
  });

  it('records invalid batch answers failed after one resubmission', async () => {
    const { deps } = await analysisSetupOn(dialect, { faults: { rate: 1, kinds: ['refusal'] } });
    await seedTicketsInto(deps.store, tickets(3));
    await runAnalyze(deps, { batch: true });
    const second = await runAnalyze(deps, { batch: true });
    expect(second.record.result!.tickets_resubmitted).toBe(3);
    const third = await runAnalyze(deps, { batch: true });
    expect(third.record.result!.tickets_failed).toBe(3);
    expect([...(await statuses(deps)).values()].map((s) => s.error)).toEqual(Array(3).fill('refusal: the model declined to answer'));
  });

  it('collectEndedBatches stores ended batches when called outside analyze', async () => {
    const { deps } = await analysisSetupOn(dialect);
    await seedTicketsInto(deps.store, tickets(5));
    await runAnalyze(deps, { batch: true });
    const claude = await createClaudeClient(deps.config);
    const result = await collectEndedBatches({
      db: deps.db,
      clock: deps.clock,
      signal: deps.signal,
      reporter: silentReporter,
      runId: null,
      claude,
      model: claude.model,
      redact: true,
    });
    expect(result).toMatchObject({ batches_collected: 1, tickets_analyzed: 5, tickets_failed: 0, batches_open: 0 });
    const again = await collectEndedBatches({ db: deps.db, clock: deps.clock, signal: deps.signal, reporter: silentReporter, runId: null, claude, model: claude.model, redact: true });
    expect(again.batches_collected).toBe(0);
    expect(await count(deps, 'SELECT count(*) AS n FROM api_usage')).toBe(5);
  });
});

describeEachDialect('collectOpenBatches', (dialect) => {
  it('returns null without needing a key when no batch is open, and collects when one is', async () => {
    const { collectOpenBatches } = await import('../../src/analysis/collect-batches-task.js');
    const { runTask } = await import('../../src/worker/run-task.js');
    const bare = await testDepsOf(dialect); // no ANTHROPIC_API_KEY at all
    const none = await runTask(bare, 'trends', {}, async (ctx) => ({ collected: await collectOpenBatches(ctx) }));
    expect(none.record.result).toEqual({ collected: null });

    const { deps } = await analysisSetupOn(dialect);
    await seedTicketsInto(deps.store, tickets(2));
    await runAnalyze(deps, { batch: true });
    const some = await runTask(deps, 'trends', {}, async (ctx) => ({ collected: await collectOpenBatches(ctx) }));
    expect(some.record.result!.collected).toMatchObject({ batches_collected: 1, tickets_analyzed: 2 });
  });
});
