import { expect, it } from 'vitest';
import { themesDb } from '../../src/store/schema-themes.js';
import type { Store } from '../../src/store/store.js';
import { loadIssues, writePlacements, writeStats, type NewTheme, type StatsWrite } from '../../src/themes/trends-store.js';
import { describeEachDialect, tempStoreOf } from '../helpers/dialects.js';

const NOW = '2026-11-28T12:00:00.000Z';

/** `n` tickets with one unplaced issue each (issue id = ticket id), written through Kysely so either database takes them. */
async function seedIssues(store: Store, n: number): Promise<void> {
  const db = themesDb(store.db);
  const ids = Array.from({ length: n }, (_, i) => i + 1);
  await db.insertInto('tickets').values(ids.map((id) => ({ id, status: 'open', tags: '[]', created_at: NOW, updated_at: NOW, generated_timestamp: 0, deleted: 0, comment_count: 0, synced_at: NOW }))).execute();
  await db.insertInto('issues').values(ids.map((id) => ({ id, ticket_id: id, position: 0, title: `issue ${id}`, category: 'bug', severity: 'low', created_at: NOW }))).execute();
}

async function issueThemes(store: Store): Promise<Array<number | null>> {
  const rows = await store.db.selectFrom('issues').select(['id', 'cluster_id']).orderBy('id').execute();
  return rows.map((r) => (r.cluster_id === null ? null : Number(r.cluster_id)));
}

function stats(id: number, n: number): StatsWrite {
  return {
    id, issue_count: n, ticket_count: n, requester_count: 1, organization_count: 0, first_seen: NOW, last_seen: NOW, count_24h: n, count_7d: n,
    baseline_7d: 0.25, baseline_28d: null, expected_24h: 1.5, expected_7d: null, p_value_24h: 0.001, p_value_7d: null, rising: n % 2, rising_since: n % 2 ? NOW : null,
  };
}

describeEachDialect('trends writes', (dialect) => {
  it('reads every column of an issue and its ticket into the field of its name', async () => {
    // Every value distinct, so a field read from another column's position (SQLite builds these
    // rows by position: trends-store.ts issueRow) cannot pass.
    const store = await tempStoreOf(dialect);
    const db = themesDb(store.db);
    await db.insertInto('tickets').values({ id: 41, status: 'open', tags: '[]', requester_id: 501, organization_id: 601, created_at: NOW, updated_at: NOW, generated_timestamp: 0, deleted: 1, comment_count: 0, synced_at: NOW }).execute();
    const theme = (await writePlacements(store, { newThemes: [{ key: -1, category: 'bug', title: 't', component: null, keywords: [] }], placements: new Map(), merges: [], labels: [], runId: 'r', nowIso: NOW })).get(-1)!;
    await db.insertInto('issues').values({ id: 7, ticket_id: 41, position: 0, title: 'Export hangs', category: 'performance', component: 'Reports', severity: 'high', created_at: '2026-11-27T08:00:00.000Z', cluster_id: theme, suggested_cluster_id: theme + 100 }).execute();
    expect(await loadIssues(store)).toEqual([{
      id: 7, ticket_id: 41, title: 'Export hangs', category: 'performance', component: 'Reports', severity: 'high', cluster_id: theme,
      suggested_cluster_id: theme + 100, created_at: '2026-11-27T08:00:00.000Z', requester_id: 501, organization_id: 601, deleted: 1,
    }]);
    await store.close();
  });

  it('numbers new themes in the order they were opened, past one insert statement, and places only unplaced issues', async () => {
    const store = await tempStoreOf(dialect);
    await seedIssues(store, 5);
    const existing = await writePlacements(store, { newThemes: [{ key: -1, category: 'bug', title: 'old', component: null, keywords: [] }], placements: new Map([[1, -1]]), merges: [], labels: [], runId: 'r1', nowIso: NOW });
    const old = existing.get(-1)!;
    // Handed over in no particular order; 700 themes take two multi-row inserts.
    const themes: NewTheme[] = Array.from({ length: 700 }, (_, i) => ({ key: -(i + 1), category: 'bug', title: `theme ${i + 1}`, component: i % 2 ? 'app' : null, keywords: [`k${i + 1}`] }));
    themes.sort((a, b) => ((a.key * 7919) % 701) - ((b.key * 7919) % 701));
    const ids = await writePlacements(store, { newThemes: themes, placements: new Map([[1, -3], [2, -1], [3, old], [4, -700]]), merges: [], labels: [], runId: 'r2', nowIso: NOW });

    const expected = Array.from({ length: 700 }, (_, i) => old + 1 + i);
    expect(Array.from({ length: 700 }, (_, i) => ids.get(-(i + 1)))).toEqual(expected);
    const rows = await store.db.selectFrom('clusters').select(['id', 'title', 'component', 'keywords']).where('id', '>', old).orderBy('id').execute();
    expect(rows.map((r) => [Number(r.id), r.title, r.component, r.keywords])).toEqual(expected.map((id, i) => [id, `theme ${i + 1}`, i % 2 ? 'app' : null, `["k${i + 1}"]`]));
    // Issue 1 was placed by the first run and stays; 5 was never placed.
    expect(await issueThemes(store)).toEqual([old, ids.get(-1), old, ids.get(-700), null]);
  });

  it('rewrites every theme\'s numbers and all daily and hourly counts, past one insert statement', async () => {
    const store = await tempStoreOf(dialect);
    await seedIssues(store, 3);
    const ids = await writePlacements(store, {
      newThemes: [1, 2, 3].map((k) => ({ key: -k, category: 'bug', title: `t${k}`, component: null, keywords: [] })),
      placements: new Map([[1, -1], [2, -2], [3, -3]]), merges: [], labels: [], runId: 'r', nowIso: NOW,
    });
    const themeIds = [1, 2, 3].map((k) => ids.get(-k)!);
    const daily = themeIds.flatMap((id) => Array.from({ length: 150 }, (_, d) => ({ cluster_id: id, day: `2026-${String(1 + Math.floor(d / 28)).padStart(2, '0')}-${String(1 + (d % 28)).padStart(2, '0')}`, tickets: d + id })));
    const hourly = themeIds.map((id) => ({ cluster_id: id, hour: '2026-11-28T11', tickets: id }));
    await writeStats(store, [stats(themeIds[0]!, 0), stats(themeIds[1]!, 3)], [{ cluster_id: themeIds[0]!, day: '2026-01-01', tickets: 9 }], [], NOW);
    await writeStats(store, themeIds.map((id, i) => stats(id, i + 4)), daily, hourly, NOW);

    const numbers = await themesDb(store.db).selectFrom('clusters').select(['id', 'issue_count', 'baseline_7d', 'baseline_28d', 'p_value_24h', 'rising', 'rising_since', 'stats_at']).orderBy('id').execute();
    expect(numbers.map((r) => ({ ...r, id: Number(r.id), issue_count: Number(r.issue_count), rising: Number(r.rising) }))).toEqual(
      themeIds.map((id, i) => ({ id, issue_count: i + 4, baseline_7d: 0.25, baseline_28d: null, p_value_24h: 0.001, rising: (i + 4) % 2, rising_since: (i + 4) % 2 ? NOW : null, stats_at: NOW })),
    );
    const days = await themesDb(store.db).selectFrom('cluster_daily_counts').select(['cluster_id', 'day', 'tickets']).orderBy('cluster_id').orderBy('day').execute();
    expect(days.map((r) => ({ cluster_id: Number(r.cluster_id), day: r.day, tickets: Number(r.tickets) }))).toEqual(daily);
    const hours = await themesDb(store.db).selectFrom('cluster_hourly_counts').select(['cluster_id', 'hour', 'tickets']).orderBy('cluster_id').execute();
    expect(hours.map((r) => ({ cluster_id: Number(r.cluster_id), hour: r.hour, tickets: Number(r.tickets) }))).toEqual(hourly);
  });
});
