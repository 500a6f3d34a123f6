import { expect, it } from 'vitest';
import { verifySignature } from '../../src/alerts/webhook-signature.js';
import { buildStatusReport } from '../../src/worker/status-report.js';
import { alertReceiver } from '../helpers/alert-receiver.js';
import { fakeSendmail } from '../helpers/fake-sendmail.js';
import { describeEachDialect, testDepsOf } from '../helpers/dialects.js';
import { manualClock } from '../helpers/store.js';
import { deliveries, seedRisingTheme, testSettings, trendsWithAlerts } from './alerts-fixture.js';

const NOW = Date.parse('2026-11-28T12:00:00Z');

describeEachDialect('alert delivery', (dialect) => {
  it('sends a rising theme once to Slack and a signed webhook, and not again on the next run', async () => {
    const clock = manualClock(NOW);
    const deps = await testDepsOf(dialect, { clock });
    await seedRisingTheme(deps.db, NOW);
    const slack = await alertReceiver();
    const hook = await alertReceiver();
    const settings = testSettings({ ISSUETRACK_ALERT_SLACK_WEBHOOK: slack.url, ISSUETRACK_ALERT_WEBHOOK: hook.url, ISSUETRACK_ALERT_WEBHOOK_SECRET: 'shh', ZENDESK_SUBDOMAIN: 'acme', ISSUETRACK_PUBLIC_URL: 'https://it.example.com/' });

    const first = await trendsWithAlerts(deps, settings);
    expect(first.error).toBeUndefined();
    expect(first.record.result!.alerts).toMatchObject({ queued: 1, sent: 2, failed: 0, pending: 0 });
    expect(slack.received).toHaveLength(1);
    expect(hook.received).toHaveLength(1);

    const body = hook.received[0]!.body;
    const payload = JSON.parse(body);
    expect(payload).toMatchObject({ version: 1, kind: 'theme_rising', theme: { category: 'bug', component: 'android app', count_24h: 12 }, dashboard_url: 'https://it.example.com/' });
    expect(payload.theme.tickets[0].url).toMatch(/^https:\/\/acme\.zendesk\.com\/agent\/tickets\/\d+$/);
    expect(payload.theme.sparkline).toHaveLength(14);
    expect(hook.received[0]!.headers['idempotency-key']).toBe(payload.id);
    expect(verifySignature('shh', body, hook.received[0]!.headers['x-issuetrack-signature'] as string, Math.floor(Date.now() / 1000), 10 ** 9)).toBe(true);
    expect(JSON.parse(slack.received[0]!.body).blocks[0]).toMatchObject({ type: 'header' });

    clock.advance(3_600_000);
    const second = await trendsWithAlerts(deps, settings);
    expect(second.record.result!.alerts).toMatchObject({ queued: 0, sent: 0 });
    expect(slack.received).toHaveLength(1);
    expect(hook.received).toHaveLength(1);
  });

  it('waits out Retry-After on a 429 and backs off on a 500, then sends', async () => {
    const deps = await testDepsOf(dialect, { clock: manualClock(NOW) });
    await seedRisingTheme(deps.db, NOW);
    const hook = await alertReceiver([{ status: 429, headers: { 'retry-after': '0.05' }, body: 'rate_limited' }, { status: 500, body: 'rollup_error' }]);
    const outcome = await trendsWithAlerts(deps, testSettings({ ISSUETRACK_ALERT_WEBHOOK: hook.url }));
    expect(outcome.record.result!.alerts).toMatchObject({ sent: 1, failed: 0 });
    expect(hook.received).toHaveLength(3);
    expect(new Set(hook.received.map((r) => r.headers['idempotency-key'])).size).toBe(1);
    expect(await deliveries(deps.db)).toMatchObject([{ channel: 'webhook', status: 'sent', attempts: 3, last_error: null }]);
  });

  it('leaves a delivery pending when the webhook stays down, completes the run, and sends on the next run', async () => {
    const clock = manualClock(NOW);
    const deps = await testDepsOf(dialect, { clock });
    await seedRisingTheme(deps.db, NOW);
    const hook = await alertReceiver([{ status: 500 }, { status: 502 }, { status: 503 }]);
    const down = await trendsWithAlerts(deps, testSettings({ ISSUETRACK_ALERT_WEBHOOK: hook.url }));
    expect(down.error).toBeUndefined();
    expect(down.record.status).toBe('completed');
    expect(down.record.result!.rising).toHaveLength(1);
    expect(down.record.result!.alerts).toMatchObject({ queued: 1, sent: 0, pending: 1 });
    expect(await deliveries(deps.db)).toMatchObject([{ status: 'pending', attempts: 3, last_error: expect.stringContaining('HTTP 503') }]);

    clock.advance(3_600_000);
    const up = await trendsWithAlerts(deps, testSettings({ ISSUETRACK_ALERT_WEBHOOK: hook.url }));
    expect(up.record.result!.alerts).toMatchObject({ queued: 0, sent: 1 });
    expect(await deliveries(deps.db)).toMatchObject([{ status: 'sent', attempts: 4 }]);
    expect(new Set(hook.received.map((r) => r.headers['idempotency-key'])).size).toBe(1);
  });

  it('gives up a timed-out delivery for this run without failing it', async () => {
    const deps = await testDepsOf(dialect, { clock: manualClock(NOW) });
    await seedRisingTheme(deps.db, NOW);
    const hook = await alertReceiver(['hang', 'hang', 'hang']);
    const outcome = await trendsWithAlerts(deps, testSettings({ ISSUETRACK_ALERT_WEBHOOK: hook.url, ISSUETRACK_ALERT_TIMEOUT: '150ms' }));
    expect(outcome.record.status).toBe('completed');
    expect(await deliveries(deps.db)).toMatchObject([{ status: 'pending', attempts: 3, last_error: expect.stringContaining('no answer within 150 ms') }]);
  });

  it('records a 4xx as failed for good, never retries it, and shows it in status without the secret path', async () => {
    const clock = manualClock(NOW);
    const deps = await testDepsOf(dialect, { clock });
    await seedRisingTheme(deps.db, NOW);
    const slack = await alertReceiver([{ status: 404, body: 'channel_not_found' }]);
    const outcome = await trendsWithAlerts(deps, testSettings({ ISSUETRACK_ALERT_SLACK_WEBHOOK: slack.url }));
    expect(outcome.record.result!.alerts).toMatchObject({ sent: 0, failed: 1 });
    clock.advance(3_600_000);
    await trendsWithAlerts(deps, testSettings({ ISSUETRACK_ALERT_SLACK_WEBHOOK: slack.url }));
    expect(slack.received).toHaveLength(1);
    const status = await buildStatusReport(deps);
    expect(status.alerts).toMatchObject({ pending: 0, failed: 1 });
    expect(status.alerts.recent_failures[0]!.error).toMatch(/^Slack http:\/\/127\.0\.0\.1:\d+\/…: HTTP 404 channel_not_found$/);
    expect(JSON.stringify(status)).not.toContain('secretpart');
  });

  it('mails through sendmail -t -i, retries EX_TEMPFAIL and fails for good on other exits', async () => {
    const deps = await testDepsOf(dialect, { clock: manualClock(NOW) });
    await seedRisingTheme(deps.db, NOW);
    const ok = fakeSendmail(0);
    await trendsWithAlerts(deps, testSettings({ ISSUETRACK_ALERT_EMAIL: 'ops@example.com, pm@example.com', ISSUETRACK_SENDMAIL: ok.path }));
    const [mail] = ok.messages();
    expect(mail!.args).toBe('-t -i');
    expect(mail!.message).toMatch(/^To: ops@example\.com, pm@example\.com$/m);
    const subject = /^Subject: =\?UTF-8\?B\?([A-Za-z0-9+/=]+)\?=$/m.exec(mail!.message)![1]!;
    expect(Buffer.from(subject, 'base64').toString('utf8')).toMatch(/^\[issuetrack\] Rising: "Android app crashes when uploading a photo" \(bug · android app\)/);
    expect(mail!.message).toContain('Tickets in 24 h: 12');

    const later = await testDepsOf(dialect, { clock: manualClock(NOW) });
    await seedRisingTheme(later.db, NOW);
    const tempfail = fakeSendmail(75);
    await trendsWithAlerts(later, testSettings({ ISSUETRACK_ALERT_EMAIL: 'ops@example.com', ISSUETRACK_SENDMAIL: tempfail.path }, { attemptsPerRun: 2 }));
    expect(await deliveries(later.db)).toMatchObject([{ status: 'pending', attempts: 2, last_error: expect.stringContaining('exit 75') }]);

    const refused = await testDepsOf(dialect, { clock: manualClock(NOW) });
    await seedRisingTheme(refused.db, NOW);
    const nouser = fakeSendmail(67);
    await trendsWithAlerts(refused, testSettings({ ISSUETRACK_ALERT_EMAIL: 'ops@example.com', ISSUETRACK_SENDMAIL: nouser.path }));
    expect(await deliveries(refused.db)).toMatchObject([{ status: 'failed', attempts: 1, last_error: expect.stringContaining('exit 67') }]);
  });

  it('records alerts without sending under --no-alerts, and does not raise them later', async () => {
    const clock = manualClock(NOW);
    const deps = await testDepsOf(dialect, { clock });
    await seedRisingTheme(deps.db, NOW);
    const hook = await alertReceiver();
    const settings = testSettings({ ISSUETRACK_ALERT_WEBHOOK: hook.url });
    const quiet = await trendsWithAlerts(deps, settings, false);
    expect(quiet.record.result!.alerts).toMatchObject({ queued: 1, sent: 0, skipped: 1 });
    clock.advance(3_600_000);
    await trendsWithAlerts(deps, settings);
    expect(hook.received).toHaveLength(0);
    expect(await deliveries(deps.db)).toMatchObject([{ status: 'skipped' }]);
  });

  it('alerts a job that failed twice in a row, and is overdue, once each, from the next run', async () => {
    const deps = await testDepsOf(dialect, { clock: manualClock(NOW) });
    const at = (h: number) => new Date(NOW - h * 3_600_000).toISOString();
    const run = (id: string, status: 'completed' | 'failed', error: string | null, hoursAgo: number) =>
      ({ id, task: 'pipeline', status, params: '{}', error, pid: 1, host: 'h', started_at: at(hoursAgo), finished_at: at(hoursAgo - 0.1) });
    await deps.db
      .insertInto('runs')
      .values([run('r_a', 'completed', null, 49), run('r_b', 'failed', 'Zendesk answered 503', 25), run('r_c', 'failed', 'Zendesk answered 503', 1)])
      .execute();
    const hook = await alertReceiver();
    const settings = testSettings({ ISSUETRACK_ALERT_WEBHOOK: hook.url });
    await trendsWithAlerts(deps, settings);
    await trendsWithAlerts(deps, settings);
    // Two alerts, each once: it failed twice in a row, and has not succeeded for 49 h of a daily schedule.
    expect(hook.received.map((r) => JSON.parse(r.body))).toMatchObject([
      { kind: 'job_failing', job: { name: 'pipeline', failures: 2, last_error: 'Zendesk answered 503' } },
      { kind: 'job_overdue', job: { name: 'pipeline', last_run_at: at(1) } },
    ]);
  });
});
