import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/report-html.js';
import { buildReport } from '../../src/report/report-model.js';
import { trends } from '../../src/themes/trends-task.js';
import { runTask } from '../../src/worker/run-task.js';
import { browserAvailable, launchBrowser } from '../helpers/browser.js';
import { seedTickets, ticketsOver } from '../helpers/seed-issues.js';
import { manualClock, testDeps } from '../helpers/store.js';
import { tempDir } from '../helpers/temp-dir.js';

const NOW = Date.parse('2026-11-28T12:00:00Z');
const DAY = 86_400_000;

// Thirteen problems, some with long titles and unbroken words, as a real inbox has.
const PROBLEMS = [
  'Mobile app crashes when uploading receipts from the camera roll on Android 14 devices with low storage',
  'Two-factor authentication codes are refused',
  'Password reset email never arrives',
  'Charged twice for the monthly subscription',
  'Invoice shows the wrong VAT rate for EU customers',
  'Slack integration disconnects every night',
  'API answers 429 Too Many Requests far below the documented limit',
  'CSV export of all invoices times out',
  'Imported rows are silently dropped from spreadsheets',
  'Dashboard shows times in the wrong time zone',
  'Single sign-on with Okta requested',
  'Dark mode requested',
  'https://app.example.com/settings/billing/payment-methods/update-card-details-page-never-loads',
];

describe.runIf(browserAvailable())('the HTML report in a real browser', () => {
  let close: () => Promise<void>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>['browser'];

  beforeAll(async () => {
    ({ browser, close } = await launchBrowser());
  });
  afterAll(async () => close?.());

  /** The report of thirteen themes, written by the real query and renderer into a temp file. */
  async function reportFile(): Promise<{ url: string; themes: number }> {
    const deps = testDeps({ clock: manualClock(NOW) });
    await seedTickets(
      deps.db,
      PROBLEMS.flatMap((title, i) => ticketsOver({ firstId: 1 + i * 100, count: 2 + i, fromMs: NOW - 6 * DAY, toMs: NOW - 3_600_000, title, category: 'bug', component: `area-${i}` })),
    );
    expect((await runTask(deps, 'trends', {}, (ctx) => trends(ctx))).error).toBeUndefined();
    const data = await buildReport(deps.db, { nowMs: NOW, windowMs: 7 * DAY, ticketUrl: (id) => `https://acme.zendesk.com/agent/tickets/${id}` });
    const file = join(tempDir(), 'report.html');
    writeFileSync(file, renderHtml(data));
    return { url: pathToFileURL(file).href, themes: data.totals.themes };
  }

  for (const width of [1280, 390]) {
    it(`fits ${width} px without sideways scrolling and shows every theme row`, async () => {
      const { url, themes } = await reportFile();
      const page = await browser.newPage();
      await page.setViewport({ width, height: 900 });
      await page.goto(url);
      // A string, not a function: tsconfig has no DOM types, and this runs in the page.
      const seen = (await page.evaluate(`({
        pageWidth: document.documentElement.scrollWidth,
        viewport: window.innerWidth,
        allRows: [...document.querySelectorAll('h2')].find((h) => h.textContent.startsWith('All themes')).nextElementSibling.querySelectorAll('tr[data-theme-id]').length,
        charts: [...document.querySelectorAll('svg.bars')].map((s) => s.getBoundingClientRect().right),
      })`)) as { pageWidth: number; viewport: number; allRows: number; charts: number[] };
      expect(themes).toBe(PROBLEMS.length);
      expect(seen.pageWidth).toBeLessThanOrEqual(seen.viewport);
      expect(seen.allRows).toBe(themes);
      for (const right of seen.charts) expect(right).toBeLessThanOrEqual(width);
      await page.screenshot({ path: join(process.env.ISSUETRACK_SCREENSHOTS ?? tempDir(), `report-${width}.png`) });
      await page.close();
    });
  }
});
