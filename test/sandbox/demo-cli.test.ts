import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { cliEnv, runCli, runShell } from '../helpers/cli.js';
import { openTarget, rowsOf } from '../helpers/dialects.js';
import { createDatabase, createPasswordRole, describePostgres } from '../helpers/postgres.js';
import { seedTickets, seedTicketsInto } from '../helpers/seed-tickets.js';
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

describePostgres('issuetrack demo --db postgres://…', () => {
  it('runs the whole flow into a PostgreSQL database, never prints its password, and runs again there', async () => {
    const home = tempDir();
    const password = 'demo-secret-8c1f2b';
    const url = await createPasswordRole(await createDatabase(), password);
    const first = await runCli(['demo', '--db', url, '--json'], { env: realUserEnv(home) });
    expect(first.stderr).toBe('');
    expect(first.exitCode).toBe(0);
    const out = JSON.parse(first.stdout);
    const { username, host, pathname } = new URL(url);
    const shown = `postgresql://${username}@${host}${pathname}`; // as every message shows it: no password
    expect(out.db).toBe(shown);
    expect(out.pipeline).toMatchObject({ task: 'pipeline', status: 'completed', error: null });
    expect(out.pipeline.result.analyze.tickets_analyzed).toBe(out.sandbox.tickets - out.sandbox.deleted_tickets);
    expect(out.themes.filter((t: { rising: boolean }) => t.rising).map((t: { title: string }) => t.title)).toEqual(['Mobile app crashes when uploading receipts']);
    expect(existsSync(join(home, 'real.db'))).toBe(false);

    const status = await runCli(['--db', url, 'status', '--json'], { env: realUserEnv(home) });
    expect(JSON.parse(status.stdout).totals).toMatchObject({ tickets: out.sandbox.tickets - out.sandbox.deleted_tickets, clusters: out.themes.length });

    const again = await runCli(['demo', '--db', url], { env: realUserEnv(home) });
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toContain('Mobile app crashes when uploading receipts');
    expect(again.stderr).toContain(`issues --db ${shown}`);
    for (const text of [first.stdout, again.stdout, again.stderr, status.stdout, status.stderr]) expect(text).not.toContain(password);
  }, 180_000); // two demo runs and a status: three subprocesses on a shared 2-core machine

  it('refuses a PostgreSQL database holding tickets no demo made with exit 78 and leaves it as it was', async () => {
    const home = tempDir();
    const url = await createDatabase();
    const store = await openTarget(url);
    await seedTicketsInto(store, [{ id: 1, subject: 'A real customer', description: 'Real ticket text.' }]);
    const before = await rowsOf(store.db, 'SELECT (SELECT count(*) FROM tickets) AS tickets, (SELECT count(*) FROM sync_state) AS state, (SELECT count(*) FROM runs) AS runs');
    await store.close();

    const result = await runCli(['demo', '--db', url], { env: realUserEnv(home) });
    expect(result.exitCode).toBe(78);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^issuetrack: postgres(ql)?:\/\/\S+ already holds 1 tickets that no demo made; the demo writes only to a new database or one an earlier demo made \(leave out --db for a fresh one\)\n$/);
    const after = await openTarget(url);
    expect(await rowsOf(after.db, 'SELECT (SELECT count(*) FROM tickets) AS tickets, (SELECT count(*) FROM sync_state) AS state, (SELECT count(*) FROM runs) AS runs')).toEqual(before);
    await after.close();
  });
});
