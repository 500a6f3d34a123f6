import { expect, it } from 'vitest';
import type { ProgressUpdate } from '../../src/worker/lease.js';
import { silentReporter } from '../../src/output/reporter.js';
import { describeEachDialect } from '../helpers/dialects.js';
import { seedTicketsInto } from '../helpers/seed-tickets.js';
import { analysisSetupOn, runAnalyze } from './analysis-fixture.js';

const tickets = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ id: i + 1, subject: `Ticket ${i + 1}`, description: 'The CSV export crashes every time I click it.' }));

describeEachDialect('analyze progress', (dialect) => {
  it('has a total from the first ticket analysed on, and ends at its exact count', async () => {
    const { deps } = await analysisSetupOn(dialect);
    await seedTicketsInto(deps.store, tickets(12));
    const seen: ProgressUpdate[] = [];
    const reporter = { ...silentReporter, progress: (update: ProgressUpdate) => void seen.push(update) };
    // One call at a time: the first ticket is done long before the selection has been read to its end.
    const outcome = await runAnalyze({ ...deps, reporter }, { batchSize: 10, concurrency: 1 });
    expect(outcome.record.result).toMatchObject({ tickets_analyzed: 10, tickets_selected: 10 });
    const analysing = seen.filter((u) => u.phase === 'analysing');
    expect(analysing[0]).toEqual({ phase: 'analysing', done: 1, total: 10 });
    expect(analysing.at(-1)).toEqual({ phase: 'analysing', done: 10, total: 10 });
    const row = await deps.db.selectFrom('worker_status').select(['progress_phase', 'progress_done', 'progress_total']).executeTakeFirstOrThrow();
    expect(row).toEqual({ progress_phase: 'analysing', progress_done: 10, progress_total: 10 });
  });

  it('counts only the tickets that need analysis', async () => {
    const { deps } = await analysisSetupOn(dialect);
    await seedTicketsInto(deps.store, tickets(4));
    await runAnalyze(deps);
    await seedTicketsInto(deps.store, tickets(7).slice(4));
    const seen: ProgressUpdate[] = [];
    const reporter = { ...silentReporter, progress: (update: ProgressUpdate) => void seen.push(update) };
    await runAnalyze({ ...deps, reporter }, { concurrency: 1 });
    expect(seen.find((u) => u.phase === 'selecting tickets')).toEqual({ phase: 'selecting tickets', done: 0, total: 3 });
    expect(seen.filter((u) => u.phase === 'analysing').at(-1)).toEqual({ phase: 'analysing', done: 3, total: 3 });
  });
});
