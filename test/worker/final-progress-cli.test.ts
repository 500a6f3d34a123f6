import { expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { describeEachDialect, newDatabase } from '../helpers/dialects.js';
import { standInEnv } from '../helpers/stand-in-runs.js';
import { tempDir } from '../helpers/temp-dir.js';

describeEachDialect('the worker once a run has ended (subprocesses)', (dialect) => {
  it('shows the final count of a completed sync and of a completed analyze, and no heartbeat age', async () => {
    const home = tempDir();
    const db = await newDatabase(dialect, home);
    const env = await standInEnv(home, db, 9);
    const worker = async () => JSON.parse((await runCli(['status', '--json'], { env })).stdout).worker;

    const sync = await runCli(['sync', '--json'], { env });
    expect(sync.exitCode).toBe(0);
    const afterSync = await worker();
    expect(afterSync).toMatchObject({ status: 'completed', task: 'sync', heartbeat_age_s: null });
    expect(afterSync.progress.phase).toBe('sync: comments');
    expect(afterSync.progress.done).toBe(afterSync.progress.total);
    expect(afterSync.progress.percent).toBe(100);

    const analyze = await runCli(['analyze', '--json'], { env });
    expect(analyze.exitCode).toBe(0);
    const result = JSON.parse(analyze.stdout).result;
    const afterAnalyze = await worker();
    expect(afterAnalyze).toMatchObject({ status: 'completed', task: 'analyze', heartbeat_age_s: null });
    expect(afterAnalyze.progress).toMatchObject({
      phase: 'analysing',
      done: result.tickets_analyzed + result.tickets_failed,
      total: result.tickets_selected,
      percent: 100,
    });
  });
});
