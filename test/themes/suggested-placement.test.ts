import { describe, expect, it } from 'vitest';
import type { Deps } from '../../src/deps.js';
import { execute, queryOne } from '../../src/store/raw-query.js';
import { suggestedPlacement } from '../../src/themes/suggested-placement.js';
import { trends, type TrendsResult } from '../../src/themes/trends-task.js';
import { runTask } from '../../src/worker/run-task.js';
import { seedTickets, ticketsOver } from '../helpers/seed-issues.js';
import { describeEachDialect, testDepsOf } from '../helpers/dialects.js';
import { manualClock } from '../helpers/store.js';

const NOW = Date.parse('2026-11-28T12:00:00Z');
const DAY = 86_400_000;

async function runTrends(deps: Deps): Promise<TrendsResult> {
  const outcome = await runTask(deps, 'trends', {}, (ctx) => trends(ctx));
  if (outcome.error) throw outcome.error;
  return outcome.record.result!;
}

describe('suggestedPlacement', () => {
  const themes = { live: new Set([1, 4]), mergedInto: new Map([[2, 3], [3, 4], [7, 8], [8, 7]]) };

  it('keeps a live theme, follows merges to the survivor, and gives up on unknown ids and loops', () => {
    expect(suggestedPlacement(1, themes)).toBe(1);
    expect(suggestedPlacement(2, themes)).toBe(4);
    expect(suggestedPlacement(null, themes)).toBeNull();
    expect(suggestedPlacement(99, themes)).toBeNull();
    expect(suggestedPlacement(7, themes)).toBeNull();
  });
});

describeEachDialect('trends with Claude suggestions', (dialect) => {
  it('places an issue in the theme its answer named, across categories and wording, and in the survivor of a merged one', async () => {
    const deps = await testDepsOf(dialect, { clock: manualClock(NOW) });
    const { store } = deps;
    await seedTickets(deps.db, [
      ...ticketsOver({ firstId: 1, count: 3, fromMs: NOW - 9 * DAY, toMs: NOW - 8 * DAY, title: 'Invoice PDF download fails', category: 'billing' }),
      ...ticketsOver({ firstId: 10, count: 3, fromMs: NOW - 9 * DAY, toMs: NOW - 8 * DAY, title: 'Dark mode for the dashboard', category: 'feature_request' }),
      ...ticketsOver({ firstId: 20, count: 3, fromMs: NOW - 9 * DAY, toMs: NOW - 8 * DAY, title: 'Slack notifications stop arriving', category: 'integration' }),
    ]);
    await runTrends(deps);
    const themeOf = async (ticketId: number) => (await queryOne<{ cluster_id: number }>(store, 'SELECT cluster_id FROM issues WHERE ticket_id = ?', [ticketId]))!.cluster_id;
    const invoice = await themeOf(1);
    const darkMode = await themeOf(10);
    const slack = await themeOf(20);
    // The dark-mode theme was merged into the Slack one since (as a recorded merge would leave it).
    await execute(store, 'UPDATE clusters SET merged_into = ? WHERE id = ?', [slack, darkMode]);

    await seedTickets(deps.db, [
      ...ticketsOver({ firstId: 30, count: 1, fromMs: NOW - DAY, toMs: NOW, title: 'Billing document will not open', category: 'bug' }),
      ...ticketsOver({ firstId: 31, count: 1, fromMs: NOW - DAY, toMs: NOW, title: 'Night theme wanted', category: 'usability' }),
      ...ticketsOver({ firstId: 32, count: 1, fromMs: NOW - DAY, toMs: NOW, title: 'Invoice PDF download fails', category: 'billing' }),
    ]);
    const suggest = (clusterId: number, ticketId: number) => execute(store, 'UPDATE issues SET suggested_cluster_id = ? WHERE ticket_id = ?', [clusterId, ticketId]);
    await suggest(invoice, 30);
    await suggest(darkMode, 31);
    await suggest(9999, 32); // a theme this database never had: the local clustering decides

    const result = await runTrends(deps);
    expect(result.issues_placed_by_claude).toBe(2);
    expect(await themeOf(30)).toBe(invoice);
    expect(await themeOf(31)).toBe(slack);
    expect(await themeOf(32)).toBe(invoice);
    expect(result.themes_created).toBe(0);
  });
});
