import { expect, it } from 'vitest';
import { buildReport } from '../../src/report/report-model.js';
import { listThemes } from '../../src/themes/theme-queries.js';
import { trends } from '../../src/themes/trends-task.js';
import { runTask } from '../../src/worker/run-task.js';
import { seedTickets, ticketsOver } from '../helpers/seed-issues.js';
import { describeEachDialect, testDepsOf } from '../helpers/dialects.js';
import { manualClock } from '../helpers/store.js';

const NOW = Date.parse('2026-11-28T12:00:00Z');
const DAY = 86_400_000;

describeEachDialect('listThemes', (dialect) => {
  it('compares the window with the 28 days before it, not with a rate that includes the window', async () => {
    const deps = await testDepsOf(dialect, { clock: manualClock(NOW) });
    await seedTickets(deps.db, [
      // One a day for the 28 days before the last week, then two a day in the last week.
      ...ticketsOver({ firstId: 1, count: 28, fromMs: NOW - 35 * DAY + 60_000, toMs: NOW - 7 * DAY, title: 'CSV export times out' }),
      ...ticketsOver({ firstId: 100, count: 14, fromMs: NOW - 7 * DAY + 60_000, toMs: NOW, title: 'CSV export times out' }),
      // A theme whose first ticket falls inside the window has no baseline: it is new.
      ...ticketsOver({ firstId: 200, count: 3, fromMs: NOW - 2 * DAY, toMs: NOW, title: 'Dark mode for the dashboard', category: 'feature_request' }),
    ]);
    expect((await runTask(deps, 'trends', {}, (ctx) => trends(ctx))).error).toBeUndefined();
    const themes = await listThemes(deps.db, { nowMs: NOW, windowMs: 7 * DAY });
    const csv = themes.find((t) => t.category === 'bug')!;
    expect(csv.count).toBe(14);
    expect(csv.expected).toBeCloseTo(7, 1);
    const dark = themes.find((t) => t.category === 'feature_request')!;
    expect(dark.count).toBe(3);
    expect(dark.expected).toBeNull();
  });
});

describeEachDialect('buildReport', (dialect) => {
  it('counts a ticket that reports two problems once in the totals', async () => {
    const deps = await testDepsOf(dialect, { clock: manualClock(NOW) });
    await seedTickets(deps.db, [
      { id: 1, createdAt: new Date(NOW - DAY).toISOString(), issues: [{ title: 'CSV export times out' }, { title: 'Invoice shows the wrong VAT rate', category: 'billing' }] },
      { id: 2, createdAt: new Date(NOW - DAY).toISOString(), issues: [{ title: 'CSV export times out' }] },
    ]);
    expect((await runTask(deps, 'trends', {}, (ctx) => trends(ctx))).error).toBeUndefined();
    const report = await buildReport(deps.db, { nowMs: NOW, windowMs: 7 * DAY });
    expect(report.totals).toEqual({ themes: 2, tickets_in_window: 2 });
  });

  it('lists every theme of the window with its newest tickets and their links', async () => {
    const deps = await testDepsOf(dialect, { clock: manualClock(NOW) });
    await seedTickets(deps.db, [
      { id: 1, subject: 'Export spins forever', createdAt: new Date(NOW - 2 * DAY).toISOString(), issues: [{ title: 'CSV export times out' }] },
      { id: 2, subject: 'CSV never arrives', createdAt: new Date(NOW - DAY).toISOString(), issues: [{ title: 'CSV export times out' }] },
      { id: 3, createdAt: new Date(NOW - 20 * DAY).toISOString(), issues: [{ title: 'Invoice shows the wrong VAT rate', category: 'billing' }] },
    ]);
    expect((await runTask(deps, 'trends', {}, (ctx) => trends(ctx))).error).toBeUndefined();
    const report = await buildReport(deps.db, { nowMs: NOW, windowMs: 7 * DAY, ticketUrl: (id) => `https://acme.zendesk.com/agent/tickets/${id}` });
    expect(report.totals.themes).toBe(1); // the VAT theme has no ticket in the window
    expect(report.themes.map((t) => t.title)).toEqual(['CSV export times out']);
    expect(report.more).toBe(0);
    expect(report.samples[report.themes[0]!.id]!.map((s) => [s.ticket_id, s.subject, s.url])).toEqual([
      [2, 'CSV never arrives', 'https://acme.zendesk.com/agent/tickets/2'],
      [1, 'Export spins forever', 'https://acme.zendesk.com/agent/tickets/1'],
    ]);
  });
});
