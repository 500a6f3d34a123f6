import { sql } from 'kysely';
import parsePrometheusTextFormat, { type ParsedFamily } from 'parse-prometheus-text-format';
import { expect, it, onTestFinished } from 'vitest';
import { DURATION_BOUNDS_S } from '../../src/metrics/metric-families.js';
import type { Store } from '../../src/store/store.js';
import { describeEachDialect, openTarget } from '../helpers/dialects.js';
import { depsOver, manualClock } from '../helpers/store.js';
import { rawRuns, resultCounts, standInHistory } from '../helpers/stand-in-runs.js';
import { TOKEN, testAppOn } from './server-fixture.js';

/** The database at `db` opened as serve opens it, closed when the test finishes. */
async function opened(db: string): Promise<Store> {
  const store = await openTarget(db);
  onTestFinished(() => store.close());
  return store;
}

/** An app over the database at `db` (opened as serve opens it), and its /metrics text. */
async function scrape(db: string, opts: { token?: boolean } = {}) {
  const store = await opened(db);
  const deps = depsOver(store, { clock: manualClock(Date.now()) });
  const { app } = await testAppOn(store.dialect, { deps, token: opts.token });
  const res = await app.inject({ method: 'GET', url: '/metrics', headers: opts.token ? { authorization: `Bearer ${TOKEN}` } : {} });
  return res;
}

/** Writes the worker row as a running holder `pid` on this host would, heartbeat now, lease for a minute. */
async function holdRow(deps: { db: Store['db']; host: string }, pid: number): Promise<void> {
  const now = Date.now();
  await deps.db
    .updateTable('worker_status')
    .set({ status: 'running', task: 'sync', run_id: 'r1', pid, host: deps.host, heartbeat_at: new Date(now).toISOString(), lease_expires_at: new Date(now + 60_000).toISOString() })
    .where('id', '=', 1)
    .execute();
}

const family = (families: ParsedFamily[], name: string) => {
  const found = families.find((f) => f.name === name);
  if (!found) throw new Error(`no ${name} in the scrape`);
  return found;
};

/** The one-task view of a labelled histogram: the parser keeps a histogram's buckets, sum and count only when it has no other label. */
function histogramOf(text: string, name: string, task: string) {
  const lines = text.split('\n').filter((l) => l.startsWith('# ') ? l.includes(` ${name} `) : l.startsWith(`${name}_`) && l.includes(`task="${task}"`));
  const unlabelled = lines.map((l) => l.replace(`{task="${task}"}`, '').replace(`task="${task}",`, '')).join('\n') + '\n';
  return family(parsePrometheusTextFormat(unlabelled), name).metrics[0]!;
}

describeEachDialect('GET /metrics', (dialect) => {
  it('reports runs, durations, tickets, issues, Claude cost, worker, last successes and rising themes as the database holds them', async () => {
    const { db } = await standInHistory(dialect);
    const res = await scrape(db);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    const families = parsePrometheusTextFormat(res.body);
    for (const f of families) expect(f.help, f.name).not.toBe('');

    const runs = await rawRuns(db);
    const tasks = [...new Set(runs.map((r) => r.task))].sort();
    const runsTotal = family(families, 'issuetrack_runs_total');
    expect(runsTotal.type).toBe('COUNTER');
    const expectedRuns = tasks.flatMap((task) =>
      ['completed', 'failed', 'cancelled'].map((status) => ({ labels: { task, status }, value: String(runs.filter((r) => r.task === task && r.status === status).length) })),
    );
    expect(runsTotal.metrics).toEqual(expectedRuns);

    for (const task of tasks) {
      const durations = runs.filter((r) => r.task === task && r.status !== 'running' && r.duration_ms != null).map((r) => r.duration_ms! / 1000);
      const h = histogramOf(res.body, 'issuetrack_run_duration_seconds', task);
      expect(Number(h.count), task).toBe(durations.length);
      expect(Number(h.sum), task).toBeCloseTo(durations.reduce((a, b) => a + b, 0), 6);
      expect(h.buckets, task).toEqual(
        Object.fromEntries([...DURATION_BOUNDS_S.map((b) => [String(b), String(durations.filter((d) => d <= b).length)]), ['+Inf', String(durations.length)]]),
      );
    }

    const sum = (key: 'synced' | 'processed' | 'issues') => runs.reduce((n, r) => n + resultCounts(r)[key], 0);
    const value = (name: string) => Number(family(families, name).metrics[0]!.value);
    expect(value('issuetrack_tickets_synced_total')).toBe(sum('synced'));
    expect(value('issuetrack_tickets_processed_total')).toBe(sum('processed'));
    expect(value('issuetrack_issues_extracted_total')).toBe(sum('issues'));

    const store = await opened(db);
    const one = async (query: string) => Number(Object.values((await sql.raw<Record<string, unknown>>(query).execute(store.db)).rows[0]!)[0]);
    expect(value('issuetrack_claude_cost_usd_total')).toBeCloseTo(await one('SELECT sum(cost_usd) FROM api_usage'), 9);
    expect(value('issuetrack_claude_cost_usd_total')).toBeGreaterThan(0);
    expect(value('issuetrack_rising_themes')).toBe(await one('SELECT count(*) FROM clusters WHERE rising = 1 AND merged_into IS NULL'));
    // The pipeline ran once over fresh tickets: every extracted issue is a stored one.
    expect(sum('issues')).toBeGreaterThanOrEqual(await one('SELECT count(*) FROM issues'));
    expect(value('issuetrack_worker_busy')).toBe(0);

    const lastSuccess = family(families, 'issuetrack_last_success_timestamp_seconds');
    expect(lastSuccess.type).toBe('GAUGE');
    const expectedLast = tasks
      .map((task) => ({ task, at: runs.filter((r) => r.task === task && r.status === 'completed').map((r) => r.finished_at!).sort().at(-1) }))
      .filter((t) => t.at)
      .map((t) => ({ labels: { task: t.task }, value: String(Date.parse(t.at!) / 1000) }));
    expect(lastSuccess.metrics).toEqual(expectedLast);
  });

  it('escapes task names from the database so that no label or line ends early', async () => {
    const { deps } = await testAppOn(dialect);
    const hostile = 'sy"nc\\\nx{y="z"} 1\n# TYPE';
    await deps.db
      .insertInto('runs')
      .values({ id: 'r1', task: hostile, status: 'completed', params: '{}', pid: 1, host: 'h', started_at: '2026-11-27T10:00:00Z', finished_at: '2026-11-27T10:00:02Z', duration_ms: 2000 })
      .execute();
    const res = await scrape(deps.store.path);
    const runsTotal = family(parsePrometheusTextFormat(res.body), 'issuetrack_runs_total');
    expect(runsTotal.metrics.find((m) => m.labels?.status === 'completed')).toEqual({ labels: { task: hostile, status: 'completed' }, value: '1' });
    expect(res.body).toContain('task="sy\\"nc\\\\\\nx{y=\\"z\\"} 1\\n# TYPE"');
  });

  it('says 1 for a busy worker and reports an empty database as zeros', async () => {
    const { deps } = await testAppOn(dialect);
    await holdRow(deps, process.pid); // scrape() reads at the real time
    const families = parsePrometheusTextFormat((await scrape(deps.store.path)).body);
    expect(family(families, 'issuetrack_worker_busy').metrics).toEqual([{ value: '1' }]);
    expect(family(families, 'issuetrack_runs_total').metrics).toEqual([]);
    expect(family(families, 'issuetrack_tickets_synced_total').metrics).toEqual([{ value: '0' }]);
    expect(family(families, 'issuetrack_claude_cost_usd_total').metrics).toEqual([{ value: '0' }]);
  });

  it('says 0 when the row says running but its process is gone, as the next run would judge it', async () => {
    const { deps } = await testAppOn(dialect);
    const gone = 2 ** 22 + 1; // above Linux's largest pid_max: never a live process
    await holdRow(deps, gone);
    const families = parsePrometheusTextFormat((await scrape(deps.store.path)).body);
    expect(family(families, 'issuetrack_worker_busy').metrics).toEqual([{ value: '0' }]);
  });

  it('wants the bearer token when one is set, like the /api routes', async () => {
    const { app } = await testAppOn(dialect, { token: true });
    expect((await app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
    const { deps } = await testAppOn(dialect);
    expect((await scrape(deps.store.path, { token: true })).statusCode).toBe(200);
  });
});
