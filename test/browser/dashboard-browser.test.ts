import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startClaudeFake } from '../../src/sandbox/claude-server.js';
import { generateSampleInbox, sampleZendeskModel } from '../../src/sandbox/sample-inbox.js';
import { startFakeZendesk } from '../../src/sandbox/zendesk-server.js';
import { browserAvailable, launchBrowser } from '../helpers/browser.js';
import { cliEnv, spawnCli } from '../helpers/cli.js';
import { listeningUrl } from '../helpers/serve.js';
import { tempDir } from '../helpers/temp-dir.js';

const TOKEN = 'dashboard-test-token';

/** `serve` as users start it; the caller stops it. */
async function serve(db: string, env: Record<string, string>): Promise<{ base: string; child: ChildProcess }> {
  const child = spawnCli(['--db', db, 'serve', '--port', '0'], { env });
  child.stdin!.end();
  return { base: await listeningUrl(child), child };
}

/** Opens the dashboard and answers the token prompt with the keyboard, as a person would. */
async function openDashboard(browser: Browser, base: string, width: number): Promise<{ page: Page; outside: string[] }> {
  const page = await browser.newPage();
  await page.setViewport({ width, height: 900 });
  const outside: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(base)) outside.push(request.url());
  });
  await page.goto(`${base}/`);
  await page.waitForSelector('#token-form:not([hidden])');
  await page.type('#token', TOKEN); // the field has focus: the page put it there
  await page.keyboard.press('Enter');
  await page.waitForSelector('#main:not([hidden])');
  return { page, outside };
}

// Strings, not functions: tsconfig has no DOM types, and these run in the page.
const inPage = <T>(page: Page, expression: string) => page.evaluate(expression) as Promise<T>;

describe.runIf(browserAvailable())('the live dashboard in a real browser', () => {
  let browser: Browser;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ browser, close } = await launchBrowser());
  });
  afterAll(async () => close?.());

  it('starts a pipeline, shows its progress move and reach completed, then lists the themes rising first and a theme\'s tickets', async () => {
    const home = tempDir();
    const nowMs = Date.now();
    const auth = { email: 'agent@tallyo.example', apiToken: 'zendesk-test-token' };
    const zendesk = await startFakeZendesk({ model: sampleZendeskModel(generateSampleInbox({ nowMs }), nowMs), auth });
    const claude = await startClaudeFake({ apiKey: 'sk-ant-test' });
    const env = cliEnv(home, {
      ISSUETRACK_API_TOKEN: TOKEN, ZENDESK_URL: zendesk.url, ZENDESK_EMAIL: auth.email, ZENDESK_API_TOKEN: auth.apiToken,
      ANTHROPIC_API_KEY: 'sk-ant-test', ANTHROPIC_BASE_URL: claude.url,
    });
    const { base, child } = await serve(join(home, 'it.db'), env);
    try {
      const { page, outside } = await openDashboard(browser, base, 1280);
      expect(await inPage(page, `document.getElementById('themes-empty').hidden`)).toBe(false);
      // Record every state the worker panel shows while the run goes on.
      await inPage(page, `(() => {
        window.seen = [];
        const note = () => window.seen.push(document.getElementById('worker-status').textContent + ' | ' + document.getElementById('worker-detail').textContent + ' | ' + (document.getElementById('worker-progress').getAttribute('value') ?? 'indeterminate'));
        new MutationObserver(note).observe(document.getElementById('worker-detail'), { childList: true, characterData: true, subtree: true });
      })()`);
      await page.click('button[data-task="pipeline"]');
      await page.waitForFunction(`document.getElementById('worker-status').textContent === 'completed'`, { polling: 100, timeout: 180_000 });
      const seen = await inPage<string[]>(page, 'window.seen');
      const running = new Set(seen.filter((s) => s.startsWith('running')).map((s) => s.split(' | ').slice(1).join(' | ')));
      expect(running.size).toBeGreaterThanOrEqual(2); // it moved while the run worked
      expect(await inPage(page, `document.getElementById('worker-progress').value`)).toBe(100);
      expect(await inPage(page, `document.querySelectorAll('button[data-task]:disabled').length`)).toBe(0);
      expect(await inPage<string>(page, `document.querySelector('#runs tr').textContent`)).toMatch(/^pipelinecompleted/);

      await page.waitForSelector('#themes tr[data-theme-id]');
      const rows = await inPage<string[]>(page, `[...document.querySelectorAll('#themes tr')].map((tr) => tr.textContent)`);
      expect(rows.length).toBeGreaterThanOrEqual(8);
      expect(rows[0]).toContain('▲ rising');
      await page.focus('#themes tr button');
      await page.keyboard.press('Enter');
      await page.waitForSelector('#detail:not([hidden]) #detail-samples li a');
      const link = await inPage<string>(page, `document.querySelector('#detail-samples li a').href`);
      expect(link).toMatch(new RegExp(`^${zendesk.url}/agent/tickets/\\d+$`));
      expect(await inPage(page, `document.activeElement.id`)).toBe('detail');
      expect(outside).toEqual([]);
      await page.screenshot({ path: join(process.env.ISSUETRACK_SCREENSHOTS ?? home, 'dashboard-1280.png'), fullPage: true });
      await page.close();
    } finally {
      child.kill('SIGTERM');
      await zendesk.close();
      await claude.close();
    }
  }, 240_000);

  it('shows why a start was refused, and fits a 390 px phone', async () => {
    const home = tempDir();
    // No Zendesk settings: the server refuses a sync and says why.
    const { base, child } = await serve(join(home, 'it.db'), cliEnv(home, { ISSUETRACK_API_TOKEN: TOKEN }));
    try {
      const { page } = await openDashboard(browser, base, 390);
      await page.click('button[data-task="sync"]');
      await page.waitForFunction(`document.getElementById('task-message').textContent.startsWith('sync was not started: ')`, { timeout: 30_000 });
      expect(await inPage<string>(page, `document.getElementById('task-message').textContent`)).toMatch(/zendesk|ZENDESK/i);
      expect(await inPage<number>(page, 'document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
      expect(await inPage(page, `document.querySelector('label[for=token]').textContent`)).toBe('API token');
      await page.screenshot({ path: join(process.env.ISSUETRACK_SCREENSHOTS ?? home, 'dashboard-390.png') });
      await page.close();
    } finally {
      child.kill('SIGTERM');
    }
  }, 120_000);
});
