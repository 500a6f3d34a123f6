import { expect, it } from 'vitest';
import type { Deps } from '../../src/deps.js';
import { themesDb } from '../../src/store/schema-themes.js';
import { trends, type TrendsResult } from '../../src/themes/trends-task.js';
import { runTask } from '../../src/worker/run-task.js';
import { seedTickets, ticketsOver } from '../helpers/seed-issues.js';
import { describeEachDialect, rowsOf, testDepsOf } from '../helpers/dialects.js';
import { manualClock } from '../helpers/store.js';

const NOW = Date.parse('2026-11-28T12:00:00Z');
const DAY = 86_400_000;

async function runTrends(deps: Deps): Promise<TrendsResult> {
  const outcome = await runTask(deps, 'trends', {}, (ctx) => trends(ctx));
  if (outcome.error) throw outcome.error;
  return outcome.record.result!;
}

async function clusterIds(deps: Deps): Promise<Map<number, number | null>> {
  const rows = await deps.db.selectFrom('issues').select(['id', 'cluster_id']).orderBy('id').execute();
  return new Map(rows.map((r) => [r.id, r.cluster_id]));
}

describeEachDialect('trends task', (dialect) => {
  it('keeps theme ids and placed issues where they were when later issues arrive', async () => {
    const deps = await testDepsOf(dialect, { clock: manualClock(NOW) });
    await seedTickets(deps.db, [
      ...ticketsOver({ firstId: 1, count: 4, fromMs: NOW - 10 * DAY, toMs: NOW - 9 * DAY, title: 'Cannot log in after password reset', category: 'account_access' }),
      ...ticketsOver({ firstId: 10, count: 4, fromMs: NOW - 10 * DAY, toMs: NOW - 9 * DAY, title: 'Invoice PDF download fails', category: 'billing' }),
    ]);
    const first = await runTrends(deps);
    expect(first.clusters).toBe(2);
    const before = (await clusterIds(deps));
    expect(new Set(before.values()).size).toBe(2);

    await seedTickets(deps.db, [
      ...ticketsOver({ firstId: 20, count: 2, fromMs: NOW - 2 * DAY, toMs: NOW - DAY, title: 'Login fails following a password reset', category: 'account_access' }),
      ...ticketsOver({ firstId: 30, count: 1, fromMs: NOW - 2 * DAY, toMs: NOW - DAY, title: 'Dark mode for the dashboard', category: 'feature_request' }),
    ]);
    const second = await runTrends(deps);
    const after = (await clusterIds(deps));
    for (const [issueId, clusterId] of before) expect(after.get(issueId)).toBe(clusterId);
    const loginTheme = before.get(1);
    const newLogin = [...after].filter(([id]) => id > before.size).slice(0, 2);
    expect(newLogin.map(([, c]) => c)).toEqual([loginTheme, loginTheme]);
    expect(second.themes_created).toBe(1);
    expect(second.clusters).toBe(3);
  });

  it('changes nothing when run again with no new issues', async () => {
    const deps = await testDepsOf(dialect, { clock: manualClock(NOW) });
    await seedTickets(deps.db, ticketsOver({ firstId: 1, count: 5, fromMs: NOW - 5 * DAY, toMs: NOW, title: (i) => (i % 2 ? 'CSV export times out' : 'Export to CSV times out'), category: 'performance' }));
    await runTrends(deps);
    const snapshot = async () => JSON.stringify(await rowsOf(deps.db, 'SELECT id, title, merged_into, ticket_count, rising FROM clusters ORDER BY id'));
    const before = await snapshot();
    const again = await runTrends(deps);
    expect(await snapshot()).toBe(before);
    expect(again.issues_placed).toBe(0);
  });

  it('flags a synthetic spike and not a flat high-volume theme or a lone new ticket', async () => {
    const deps = await testDepsOf(dialect, { clock: manualClock(NOW) });
    await seedTickets(deps.db, [
      // About one a day for a month, then twelve in the last day from twelve customers.
      ...ticketsOver({ firstId: 1, count: 30, fromMs: NOW - 31 * DAY, toMs: NOW - DAY, title: 'Android app crashes when uploading a photo', category: 'bug' }),
      ...ticketsOver({ firstId: 100, count: 12, fromMs: NOW - DAY + 60_000, toMs: NOW, title: 'Android app crashes when uploading a photo', category: 'bug' }),
      // Forty a day, every day, for five weeks.
      ...ticketsOver({ firstId: 1000, count: 40 * 35, fromMs: NOW - 35 * DAY, toMs: NOW, title: 'Dashboard is slow to load', category: 'performance' }),
      { id: 5000, createdAt: new Date(NOW - 3_600_000).toISOString(), issues: [{ title: 'Salesforce sync creates duplicate contacts', category: 'integration' }] },
    ]);
    const result = await runTrends(deps);
    const android = await deps.db.selectFrom('issues').select('cluster_id').where('title', '=', 'Android app crashes when uploading a photo').limit(1).executeTakeFirstOrThrow();
    expect(result.rising).toEqual([android.cluster_id]);
    const row = await deps.db.selectFrom('clusters').select(['rising', 'rising_since', 'count_24h']).where('id', '=', result.rising[0]!).executeTakeFirstOrThrow();
    expect(row).toEqual({ rising: 1, rising_since: new Date(NOW).toISOString(), count_24h: 12 });
  });

  it('keeps the time a theme started rising while it stays up', async () => {
    const clock = manualClock(NOW);
    const deps = await testDepsOf(dialect, { clock });
    await seedTickets(deps.db, [
      ...ticketsOver({ firstId: 1, count: 30, fromMs: NOW - 31 * DAY, toMs: NOW - DAY, title: 'Slack notifications stopped', category: 'integration' }),
      ...ticketsOver({ firstId: 100, count: 15, fromMs: NOW - DAY + 60_000, toMs: NOW + 3_600_000, title: 'Slack notifications stopped', category: 'integration' }),
    ]);
    const first = await runTrends(deps);
    clock.advance(3_600_000);
    const second = await runTrends(deps);
    expect(second.rising).toEqual(first.rising);
    const row = await deps.db.selectFrom('clusters').select('rising_since').where('id', '=', first.rising[0]!).executeTakeFirstOrThrow();
    expect(row.rising_since).toBe(new Date(NOW).toISOString());
  });

  it('merges near-duplicate themes, records the merge and points their issues at the survivor', async () => {
    const deps = await testDepsOf(dialect, { clock: manualClock(NOW) });
    await seedTickets(deps.db, [
      ...ticketsOver({ firstId: 1, count: 3, fromMs: NOW - 3 * DAY, toMs: NOW, title: 'Refund not received after cancellation', category: 'billing' }),
      ...ticketsOver({ firstId: 10, count: 2, fromMs: NOW - 3 * DAY, toMs: NOW, title: 'Refund not received after cancelling', category: 'billing' }),
    ]);
    // Two themes an earlier run (or an older tokeniser) left apart.
    const at = new Date(NOW - 3 * DAY).toISOString();
    await rowsOf(deps.db, `INSERT INTO clusters (id, category, title, created_at, updated_at) VALUES (1, 'billing', 'a', '${at}', '${at}'), (2, 'billing', 'b', '${at}', '${at}')`);
    await rowsOf(deps.db, 'UPDATE issues SET cluster_id = CASE WHEN ticket_id < 10 THEN 1 ELSE 2 END');

    const result = await runTrends(deps);
    expect(result.themes_merged).toBe(1);
    expect(result.clusters).toBe(1);
    const merges = await themesDb(deps.db).selectFrom('cluster_merges').select(['from_id', 'into_id', 'issues_moved']).execute();
    expect(merges).toEqual([{ from_id: 2, into_id: 1, issues_moved: 2 }]);
    expect(await rowsOf(deps.db, 'SELECT merged_into FROM clusters WHERE id = 2')).toEqual([{ merged_into: 1 }]);
    expect(new Set((await clusterIds(deps)).values())).toEqual(new Set([1]));
  });
});
