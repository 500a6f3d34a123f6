import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { alertReceiver } from '../helpers/alert-receiver.js';
import { cliEnv, collect, runCli, spawnCli } from '../helpers/cli.js';
import { fakeSendmail } from '../helpers/fake-sendmail.js';
import { tempDir } from '../helpers/temp-dir.js';
import { seedRisingTheme } from './alerts-fixture.js';

/** A temp database holding a theme that rises at the real now (the CLI uses the system clock). */
async function risingHome(): Promise<{ home: string; db: string }> {
  const home = tempDir();
  const db = join(home, 'it.db');
  const store = openStore(db);
  await seedRisingTheme(store.db, Date.now());
  await store.close();
  return { home, db };
}

function rows<T>(db: string, sql: string): T[] {
  const sqlite = new Database(db, { readonly: true });
  try {
    return sqlite.prepare(sql).all() as T[];
  } finally {
    sqlite.close();
  }
}

describe('alerts through the CLI', () => {
  it('sends a test alert to Slack, the webhook and mail, and prints one JSON object without a secret', async () => {
    const slack = await alertReceiver();
    const hook = await alertReceiver();
    const mail = fakeSendmail(0);
    const env = cliEnv(tempDir(), {
      ISSUETRACK_ALERT_SLACK_WEBHOOK: slack.url, ISSUETRACK_ALERT_WEBHOOK: hook.url, ISSUETRACK_ALERT_WEBHOOK_SECRET: 'shh',
      ISSUETRACK_ALERT_EMAIL: 'ops@example.com', ISSUETRACK_SENDMAIL: mail.path,
    });
    const result = await runCli(['alerts', 'test', '--json'], { env });
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    const out = JSON.parse(result.stdout);
    expect(out.channels.map((c: { channel: string; status: string }) => [c.channel, c.status])).toEqual([['slack', 'sent'], ['webhook', 'sent'], ['email', 'sent']]);
    expect(result.stdout).not.toContain('secretpart');
    expect(JSON.parse(hook.received[0]!.body)).toMatchObject({ version: 1, kind: 'test' });
    expect(slack.received).toHaveLength(1);
    expect(mail.messages()).toHaveLength(1);
  });

  it('exits 78 with one line when no channel is configured', async () => {
    const result = await runCli(['alerts', 'test'], { env: cliEnv(tempDir()) });
    expect(result.exitCode).toBe(78);
    expect(result.stderr).toBe('issuetrack: no alert channel configured: set ISSUETRACK_ALERT_SLACK_WEBHOOK, ISSUETRACK_ALERT_WEBHOOK or ISSUETRACK_ALERT_EMAIL\n');
  });

  it('exits 69 naming the host but not the path when a channel refuses the test', async () => {
    const slack = await alertReceiver([{ status: 403, body: 'action_prohibited' }]);
    const result = await runCli(['alerts', 'test'], { env: cliEnv(tempDir(), { ISSUETRACK_ALERT_SLACK_WEBHOOK: slack.url }) });
    expect(result.exitCode).toBe(69);
    expect(result.stderr).toMatch(/^issuetrack: alerts test: slack failed \(Slack http:\/\/127\.0\.0\.1:\d+\/…: HTTP 403 action_prohibited\)\n$/);
    expect(result.stdout + result.stderr).not.toContain('secretpart');
  });

  it('refuses a malformed webhook URL before the run, without printing it', async () => {
    const { home, db } = await risingHome();
    const result = await runCli(['--db', db, 'trends'], { env: cliEnv(home, { ISSUETRACK_ALERT_WEBHOOK: 'hooks.example.com/T0/secret-token' }) });
    expect(result.exitCode).toBe(78);
    expect(result.stderr).toBe('issuetrack: ISSUETRACK_ALERT_WEBHOOK is not a URL\n');
  });

  it('sends on the next run what a run killed between commit and send left in the outbox, with the same key', async () => {
    const { home, db } = await risingHome();
    const hook = await alertReceiver(['hang']);
    const env = cliEnv(home, { ISSUETRACK_ALERT_WEBHOOK: hook.url });

    const child = spawnCli(['--db', db, 'trends', '--json'], { env });
    child.stdin!.end();
    const exited = collect(child);
    await hook.until(1); // the themes and the outbox have committed; the send is in flight
    child.kill('SIGKILL');
    expect((await exited).signal).toBe('SIGKILL');

    expect(rows<{ rising: number }>(db, 'SELECT rising FROM clusters WHERE rising = 1')).toHaveLength(1);
    expect(rows(db, 'SELECT status, attempts FROM alert_deliveries')).toEqual([{ status: 'pending', attempts: 0 }]);

    const next = await runCli(['--db', db, 'trends', '--json'], { env });
    expect(next.exitCode).toBe(0);
    const record = JSON.parse(next.stdout);
    expect(record.result.alerts).toMatchObject({ queued: 0, sent: 1, failed: 0 });
    expect(hook.received).toHaveLength(2);
    expect(hook.received[1]!.headers['idempotency-key']).toBe(hook.received[0]!.headers['idempotency-key']);
    expect(hook.received[1]!.body).toBe(hook.received[0]!.body);
    expect(rows(db, 'SELECT count(*) AS n FROM alert_outbox')).toEqual([{ n: 1 }]);
  });

  it('lists alerts and their delivery as one JSON object and as TSV on a pipe', async () => {
    const { home, db } = await risingHome();
    const hook = await alertReceiver([{ status: 410, body: 'channel_is_archived' }]);
    const env = cliEnv(home, { ISSUETRACK_ALERT_WEBHOOK: hook.url });
    expect((await runCli(['--db', db, 'trends'], { env })).exitCode).toBe(0);

    const json = await runCli(['--db', db, 'alerts', 'list', '--json'], { env });
    expect(json.exitCode).toBe(0);
    const { alerts } = JSON.parse(json.stdout);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ kind: 'theme_rising', deliveries: [{ channel: 'webhook', status: 'failed', attempts: 1 }] });

    const tsv = await runCli(['--db', db, 'alerts', 'list'], { env });
    expect(tsv.stdout.trim().split('\n')).toHaveLength(1);
    expect(tsv.stdout).toContain('webhook failed (webhook http://127.0.0.1:');

    const status = await runCli(['--db', db, 'status', '--json'], { env });
    expect(JSON.parse(status.stdout).alerts).toMatchObject({ pending: 0, failed: 1 });
  });

  it('records but sends nothing with trends --no-alerts', async () => {
    const { home, db } = await risingHome();
    const hook = await alertReceiver();
    const result = await runCli(['--db', db, 'trends', '--no-alerts', '--json'], { env: cliEnv(home, { ISSUETRACK_ALERT_WEBHOOK: hook.url }) });
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout).result.alerts).toMatchObject({ queued: 1, sent: 0, skipped: 1 });
    expect(hook.received).toHaveLength(0);
  });
});
