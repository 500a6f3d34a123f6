import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { cliEnv, runCli } from '../helpers/cli.js';
import { seedTickets, ticketsOver } from '../helpers/seed-issues.js';
import { tempDir } from '../helpers/temp-dir.js';

const DAY = 86_400_000;
const HOSTILE = 'Refund \x1b[2J\x1b]0;owned\x07\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\ \u202Eetats\0';
/** What a terminal would act on (C0/C1 controls, DEL, bidi, invisibles); tab and newline delimit TSV. */
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/;

async function hostileHome(): Promise<{ home: string; db: string }> {
  const home = tempDir();
  const db = join(home, 'it.db');
  const store = openStore(db);
  const now = Date.now();
  await seedTickets(store.db, ticketsOver({ firstId: 1, count: 4, fromMs: now - 4 * DAY, toMs: now - 60_000, title: HOSTILE, category: 'billing', component: 'pay\x1b[31mments' }));
  await store.close();
  return { home, db };
}

describe('outside text on the terminal', () => {
  it('reaches issues, issues show, status and the Markdown report escaped, and JSON exact', async () => {
    const { home, db } = await hostileHome();
    const env = cliEnv(home, { ZENDESK_SUBDOMAIN: 'acme' });
    expect((await runCli(['--db', db, 'trends'], { env })).exitCode).toBe(0);

    const json = await runCli(['--db', db, 'issues', '--json'], { env });
    const themes = JSON.parse(json.stdout) as Array<{ id: number; title: string; component: string }>;
    expect(themes[0]!.component).toBe('pay\x1b[31mments');

    const list = await runCli(['--db', db, 'issues'], { env });
    expect(list.exitCode).toBe(0);
    expect(list.stdout).toContain('pay\\x1b[31mments');
    const show = await runCli(['--db', db, 'issues', 'show', String(themes[0]!.id)], { env });
    expect(show.exitCode).toBe(0);
    const report = await runCli(['--db', db, 'report', '--format', 'md'], { env });
    expect(report.exitCode).toBe(0);
    const status = await runCli(['--db', db, 'status'], { env });
    expect(status.exitCode).toBe(0);
    for (const out of [list.stdout, show.stdout, report.stdout, status.stdout]) expect(out).not.toMatch(RAW_CONTROL);
    expect(show.stdout).toContain('\\u202e');
  });

  it('escapes outside text quoted in the issuetrack: error line', async () => {
    const home = tempDir();
    const result = await runCli(['--db', join(home, 'x\x1b]0;t\x07.db'), 'issues', 'show', '1'], { env: cliEnv(home) });
    expect(result.stderr.startsWith('issuetrack: ')).toBe(true);
    expect(result.stderr).not.toMatch(RAW_CONTROL);
  });
});
