import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { cliEnv, runCli, runShell } from '../helpers/cli.js';
import { seedTickets } from '../helpers/seed-tickets.js';
import { tempDir } from '../helpers/temp-dir.js';

/** The environment of someone with a real setup: the demo must use none of it. */
function realUserEnv(home: string) {
  return cliEnv(home, {
    TMPDIR: home,
    ISSUETRACK_DB: join(home, 'real.db'),
    ZENDESK_SUBDOMAIN: 'real-company',
    ZENDESK_EMAIL: 'admin@real-company.example',
    ZENDESK_API_TOKEN: 'real-zendesk-token',
    ANTHROPIC_API_KEY: 'sk-ant-real-key',
  });
}

const sha1 = (path: string) => createHash('sha1').update(readFileSync(path)).digest('hex');

describe('issuetrack demo', () => {
  it('runs the whole flow into a fresh temp database and reports every theme as JSON', async () => {
    const home = tempDir();
    const result = await runCli(['demo', '--json'], { env: realUserEnv(home) });
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    const out = JSON.parse(result.stdout);

    expect(out.db.startsWith(join(home, 'issuetrack-demo-'))).toBe(true);
    expect(existsSync(out.db)).toBe(true);
    expect(existsSync(join(home, 'real.db'))).toBe(false);

    expect(out.pipeline).toMatchObject({ task: 'pipeline', status: 'completed', error: null });
    const { sync, analyze, trends } = out.pipeline.result;
    expect(sync.tickets_upserted).toBe(out.sandbox.tickets);
    expect(sync.tickets_deleted).toBe(out.sandbox.deleted_tickets);
    expect(out.sandbox.deleted_tickets).toBeGreaterThan(0);
    expect(analyze.tickets_analyzed).toBe(out.sandbox.tickets - out.sandbox.deleted_tickets);
    expect(analyze.tickets_failed).toBe(0);
    expect(out.sandbox.claude_requests).toBeGreaterThanOrEqual(analyze.tickets_analyzed);
    expect(out.sandbox.pii_sent_to_claude).toBe(0);

    expect(out.themes.length).toBeGreaterThanOrEqual(8);
    expect(trends.clusters).toBe(out.themes.length);
    for (const key of ['id', 'title', 'category', 'component', 'count', 'first_seen', 'last_seen', 'rising']) expect(out.themes[0]).toHaveProperty(key);
    const rising = out.themes.filter((t: { rising: boolean }) => t.rising);
    expect(rising.map((t: { title: string }) => t.title)).toEqual(['Mobile app crashes when uploading receipts']);
    expect(trends.rising).toEqual(rising.map((t: { id: number }) => t.id));
  });

  it('refuses a --db holding tickets no demo made with exit 78 and leaves the file as it was', async () => {
    const home = tempDir();
    const db = join(home, 'team.db');
    const store = openStore(db);
    seedTickets(store, [{ id: 1, subject: 'A real customer', description: 'Real ticket text.' }]);
    await store.close();
    const before = sha1(db);
    const files = readdirSync(home).sort();

    const result = await runCli(['demo', '--db', db], { env: realUserEnv(home) });
    expect(result.exitCode).toBe(78);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`issuetrack: ${db} already holds 1 tickets that no demo made; the demo writes only to a new database or one an earlier demo made (leave out --db for a fresh one)\n`);
    expect(sha1(db)).toBe(before);
    expect(readdirSync(home).sort()).toEqual(files);
  });

  it('runs again on a database an earlier demo made and prints the table, then where to look next', async () => {
    const home = tempDir();
    const db = join(home, 'demo.db');
    const first = await runCli(['demo', '--db', db, '--json'], { env: realUserEnv(home) });
    expect(first.exitCode).toBe(0);

    const again = await runCli(['demo', '--db', db], { env: realUserEnv(home) });
    expect(again.exitCode).toBe(0);
    const rows = again.stdout.trim().split('\n').map((line) => line.split('\t'));
    expect(rows.length).toBeGreaterThanOrEqual(8);
    expect(rows.find((r) => r[1] === 'Mobile app crashes when uploading receipts')?.at(-1)).toBe('▲ rising');
    expect(again.stderr).toMatch(/^issuetrack demo: /);
    expect(again.stderr).toContain('nothing sent anywhere');
    expect(again.stderr).toContain(`issuetrack issues --db ${db}`);
    expect(again.stderr).toContain(`issuetrack report --format html --out r.html --db ${db}`);
    expect(again.stderr).toMatch(/issuetrack issues show \d+ --db /);
    // The hint works as typed, from where the demo ran, even though `issuetrack` is not on PATH.
    const hint = again.stderr.split('\n').find((line) => line.endsWith(`issues --rising --db ${db}`))!.trim();
    expect(hint.startsWith('issuetrack ')).toBe(false);
    const typed = await runShell(hint, { env: realUserEnv(home), cwd: process.cwd() });
    expect(typed.exitCode).toBe(0);
    expect(typed.stdout).toContain('Mobile app crashes when uploading receipts');
  }, 180_000); // two demo runs and a typed hint: three subprocesses on a shared 2-core machine
});
