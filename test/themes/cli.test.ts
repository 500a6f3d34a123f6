import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { Dialect } from '../../src/store/database-target.js';
import { cliEnv, runCli } from '../helpers/cli.js';
import { describeEachDialect, newDatabase, openTarget } from '../helpers/dialects.js';
import { seedTickets, ticketsOver } from '../helpers/seed-issues.js';
import { tempDir } from '../helpers/temp-dir.js';

const DAY = 86_400_000;

/** A new database of `dialect` with two themes seeded around the real now (the CLI uses the system clock). */
async function seededHome(dialect: Dialect): Promise<{ home: string; db: string }> {
  const home = tempDir();
  const db = await newDatabase(dialect, home);
  const store = await openTarget(db);
  const now = Date.now();
  await seedTickets(store.db, [
    ...ticketsOver({ firstId: 1, count: 6, fromMs: now - 6 * DAY, toMs: now - 60_000, title: 'CSV export times out for large reports', category: 'performance', component: 'reports' }),
    ...ticketsOver({ firstId: 20, count: 3, fromMs: now - 3 * DAY, toMs: now - 60_000, title: 'Charged twice for the monthly plan', category: 'billing', component: 'billing' }).map(
      (t) => ({ ...t, subject: `Invoice ${t.id} billed two times` }),
    ),
  ]);
  await store.close();
  return { home, db };
}

describeEachDialect('themes through the CLI', (dialect) => {
  it('runs trends --json, then lists themes as JSON and as TSV on a pipe', async () => {
    const { home, db } = await seededHome(dialect);
    const env = cliEnv(home, { ZENDESK_SUBDOMAIN: 'acme' });

    const run = await runCli(['--db', db, 'trends', '--json'], { env });
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    const record = JSON.parse(run.stdout);
    expect(record).toMatchObject({ task: 'trends', status: 'completed', result: { clusters: 2, rising: [], issues_placed: 9 } });

    const list = await runCli(['--db', db, 'issues', '--json'], { env });
    expect(list.exitCode).toBe(0);
    const themes = JSON.parse(list.stdout) as Array<Record<string, unknown>>;
    expect(themes.map((t) => [t.title, t.category, t.count])).toEqual([
      ['CSV export times out for large reports', 'performance', 6],
      ['Charged twice for the monthly plan', 'billing', 3],
    ]);
    for (const key of ['id', 'component', 'first_seen', 'last_seen', 'rising']) expect(themes[0]).toHaveProperty(key);

    const tsv = await runCli(['--db', db, 'issues'], { env });
    const lines = tsv.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]!.split('\t').slice(1, 5)).toEqual(['CSV export times out for large reports', 'performance', 'reports', '6']);
    expect(tsv.stdout).not.toMatch(/[│┌─]/);

    const show = await runCli(['--db', db, 'issues', 'show', String(themes[1]!.id)], { env });
    expect(show.exitCode).toBe(0);
    expect(show.stdout).toContain('Charged twice for the monthly plan');
    expect(show.stdout).toContain('https://acme.zendesk.com/agent/tickets/22');
    // Each sample is the ticket's own subject and date, not the theme's title again.
    expect(show.stdout).toMatch(/#22 {2}\d{4}-\d\d-\d\dT[\d:.]+Z {2}\[medium\] {2}Invoice 22 billed two times\n/);
    expect(show.stdout).toContain('Invoice 21 billed two times');
  });

  it('answers an unknown theme id with one line and exit 64', async () => {
    const { home, db } = await seededHome(dialect);
    const result = await runCli(['--db', db, 'issues', 'show', '999'], { env: cliEnv(home) });
    expect(result.exitCode).toBe(64);
    expect(result.stderr).toBe('issuetrack: no theme with id 999 (see issuetrack issues)\n');
    expect(result.stdout).toBe('');
  });

  it('writes an HTML report with inline SVG to --out', async () => {
    const { home, db } = await seededHome(dialect);
    const env = cliEnv(home);
    await runCli(['--db', db, 'trends'], { env });
    const out = join(home, 'weekly.html');
    const result = await runCli(['--db', db, 'report', '--format', 'html', '--out', out], { env });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe('');
    const { readFileSync } = await import('node:fs');
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('<svg');
    expect(html).toContain('CSV export times out for large reports');
  });
});
