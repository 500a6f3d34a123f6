import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';

/** Debian's chromium package; CHROMIUM_PATH points elsewhere. puppeteer-core never downloads one. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Whether the browser tests can run here. In CI (CI or ISSUETRACK_REQUIRE_BROWSER set) a missing
 * Chromium is an error, so the suite fails instead of passing without having looked; elsewhere
 * the tests are skipped and say so on stderr.
 */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  if (process.env.CI || process.env.ISSUETRACK_REQUIRE_BROWSER) {
    throw new Error(`Chromium is missing at ${CHROMIUM_PATH}: the browser tests need it (apt-get install -y chromium)`);
  }
  process.stderr.write(`\n*** SKIPPING browser tests: no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium) ***\n\n`);
  return false;
}

/**
 * A headless Chromium with a fresh profile and nothing that phones home (no background
 * networking, component updates or sync), closed and its profile removed by the returned close().
 */
export async function launchBrowser(): Promise<{ browser: Browser; close: () => Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'issuetrack-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    userDataDir: profile,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    browser,
    close: async () => {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
