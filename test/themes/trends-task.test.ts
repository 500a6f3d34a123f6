import { describe, expect, it } from 'vitest';
import { themesDb } from '../../src/store/schema-themes.js';
import { trends, type TrendsResult } from '../../src/themes/trends-task.js';
import { runTask } from '../../src/worker/run-task.js';
import { seedTickets, ticketsOver } from '../helpers/seed-issues.js';
import { manualClock, testDeps } from '../helpers/store.js';

const NOW = Date.parse('2026-11-28T12:00:00Z');
const DAY = 86_400_000;

async function runTrends(deps: ReturnType<typeof testDeps>): Promise<TrendsResult> {
  const outcome = await runTask(deps, 'trends', {}, (ctx) => trends(ctx));
  if (outcome.error) throw outcome.error;
  return outcome.record.result!;
}

function clusterIds(deps: ReturnType<typeof testDeps>): Map<number, number | null> {
  const rows = deps.store.sqlite.prepare('SELECT id, cluster_id FROM issues ORDER BY id').all() as Array<{ id: number; cluster_id: number | null }>;
  return new Map(rows.map((r) => [r.id, r.cluster_id]));
}

describe('trends task', () => {
  it('keeps theme ids and placed issues where they were when later issues arrive', async () => {
    const deps = testDeps({ clock: manualClock(NOW) });
    await seedTickets(deps.db, [
      ...ticketsOver({ firstId: 1, count: 4, fromMs: NOW - 10 * DAY, toMs: NOW - 9 * DAY, title: 'Cannot log in after password reset', category: 'account_access' }),
      ...ticketsOver({ firstId: 10, count: 4, fromMs: NOW - 10 * DAY, toMs: NOW - 9 * DAY, title: 'Invoice PDF download fails', category: 'billing' }),
    ]);
    const first = await runTrends(deps);
    expect(first.clusters).toBe(2);
    const before = clusterIds(deps);
    expect(new Set(before.values()).size).toBe(2);

    await seedTickets(deps.db, [
      ...ticketsOver({ firstId: 20, count: 2, fromMs: NOW - 2 * DAY, toMs: NOW - DAY, title: 'Login fails following a password reset', category: 'account_access' }),
      ...ticketsOver({ firstId: 30, count: 1, fromMs: NOW - 2 * DAY, toMs: NOW - DAY, title: 'Dark mode for the dashboard', category: 'feature_request' }),
    ]);
    const second = await runTrends(deps);
    const after = clusterIds(deps);
    for (const [issueId, clusterId] of before) expect(after.get(issueId)).toBe(clusterId);
    const loginTheme = before.get(1);
    const newLogin = [...after].filter(([id]) => id > before.size).slice(0, 2);
    expect(newLogin.map(([, c]) => c)).toEqual([loginTheme, loginTheme]);
    expect(second.themes_created).toBe(1);
    expect(second.clusters).toBe(3);
  });

  it('changes nothing when run again with no new issues', async () => {
    const deps = testDeps({ clock: manualClock(NOW) });
    await seedTickets(deps.db, ticketsOver({ firstId: 1, count: 5, fromMs: NOW - 5 * DAY, toMs: NOW, title: (i) => (i % 2 ? 'CSV export times out' : 'Export to CSV times out'), category: 'performance' }));
    await runTrends(deps);
    const snapshot = () => JSON.stringify(deps.store.sqlite.prepare('SELECT id, title, merged_into, ticket_count, rising FROM clusters').all());
    const before = snapshot();
    const again = await runTrends(deps);
    expect(snapshot()).toBe(before);
    expect(again.issues_placed).toBe(0);
  });

  it('flags a synthetic spike and not a flat high-volume theme or a lone new ticket', async () => {
    const deps = testDeps({ clock: manualClock(NOW) });
    await seedTickets(deps.db, [
      // About one a day for a month, then twelve in the last day from twelve customers.
      ...ticketsOver({ firstId: 1, count: 30, fromMs: NOW - 31 * DAY, toMs: NOW - DAY, title: 'Android app crashes when uploading a photo', category: 'bug' }),
      ...ticketsOver({ firstId: 100, count: 12, fromMs: NOW - DAY + 60_000, toMs: NOW, title: 'Android app crashes when uploading a photo', category: 'bug' }),
      // Forty a day, every day, for five weeks.
      ...ticketsOver({ firstId: 1000, count: 40 * 35, fromMs: NOW - 35 * DAY, toMs: NOW, title: 'Dashboard is slow to load', category: 'performance' }),
      { id: 5000, createdAt: new Date(NOW - 3_600_000).toISOString(), issues: [{ title: 'Salesforce sync creates duplicate contacts', category: 'integration' }] },
    ]);
    const result = await runTrends(deps);
    const idOf = (title: string) => (deps.store.sqlite.prepare('SELECT cluster_id FROM issues WHERE title = ? LIMIT 1').get(title) as { cluster_id: number }).cluster_id;
    expect(result.rising).toEqual([idOf('Android app crashes when uploading a photo')]);
    const row = deps.store.sqlite.prepare('SELECT rising, rising_since, count_24h FROM clusters WHERE id = ?').get(result.rising[0]) as Record<string, unknown>;
    expect(row).toEqual({ rising: 1, rising_since: new Date(NOW).toISOString(), count_24h: 12 });
  });

  it('keeps the time a theme started rising while it stays up', async () => {
    const clock = manualClock(NOW);
    const deps = testDeps({ clock });
    await seedTickets(deps.db, [
      ...ticketsOver({ firstId: 1, count: 30, fromMs: NOW - 31 * DAY, toMs: NOW - DAY, title: 'Slack notifications stopped', category: 'integration' }),
      ...ticketsOver({ firstId: 100, count: 15, fromMs: NOW - DAY + 60_000, toMs: NOW + 3_600_000, title: 'Slack notifications stopped', category: 'integration' }),
    ]);
    const first = await runTrends(deps);
    clock.advance(3_600_000);
    const second = await runTrends(deps);
    expect(second.rising).toEqual(first.rising);
    const row = deps.store.sqlite.prepare('SELECT rising_since FROM clusters WHERE id = ?').get(first.rising[0]) as { rising_since: string };
    expect(row.rising_since).toBe(new Date(NOW).toISOString());
  });

  it('merges near-duplicate themes, records the merge and points their issues at the survivor', async () => {
    const deps = testDeps({ clock: manualClock(NOW) });
    await seedTickets(deps.db, [
      ...ticketsOver({ firstId: 1, count: 3, fromMs: NOW - 3 * DAY, toMs: NOW, title: 'Refund not received after cancellation', category: 'billing' }),
      ...ticketsOver({ firstId: 10, count: 2, fromMs: NOW - 3 * DAY, toMs: NOW, title: 'Refund not received after cancelling', category: 'billing' }),
    ]);
    // Two themes an earlier run (or an older tokeniser) left apart.
    const db = deps.store.sqlite;
    const at = new Date(NOW - 3 * DAY).toISOString();
    db.prepare(`INSERT INTO clusters (id, category, title, created_at, updated_at) VALUES (1, 'billing', 'a', ?, ?), (2, 'billing', 'b', ?, ?)`).run(at, at, at, at);
    db.prepare('UPDATE issues SET cluster_id = CASE WHEN ticket_id < 10 THEN 1 ELSE 2 END').run();

    const result = await runTrends(deps);
    expect(result.themes_merged).toBe(1);
    expect(result.clusters).toBe(1);
    const merges = await themesDb(deps.db).selectFrom('cluster_merges').select(['from_id', 'into_id', 'issues_moved']).execute();
    expect(merges).toEqual([{ from_id: 2, into_id: 1, issues_moved: 2 }]);
    expect(db.prepare('SELECT merged_into FROM clusters WHERE id = 2').get()).toEqual({ merged_into: 1 });
    expect(new Set(clusterIds(deps).values())).toEqual(new Set([1]));
  });
});
