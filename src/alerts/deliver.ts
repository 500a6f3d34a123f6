import type { Kysely } from 'kysely';
import { isoAt, type Clock } from '../clock.js';
import type { Reporter } from '../output/reporter.js';
import type { Database } from '../store/schema.js';
import type { AlertPayload } from './alert-payload.js';
import type { ChannelName, RetryPolicy } from './alert-settings.js';
import { pendingDeliveries, recordDelivery } from './alert-outbox.js';
import type { Sender } from './send-result.js';
import { sendWithRetries } from './send-with-retries.js';

export interface DeliveryOutcome {
  alert_id: number;
  kind: string;
  channel: string;
  status: 'sent' | 'failed' | 'pending' | 'skipped';
  attempts: number;
  error: string | null;
}

export interface DeliveryReport {
  sent: number;
  failed: number;
  /** Still pending after this run (the next run tries again). */
  pending: number;
  /** This run's outcomes, at most 50. */
  deliveries: DeliveryOutcome[];
}

export interface DeliverDeps {
  db: Kysely<Database>;
  clock: Clock;
  signal: AbortSignal;
  reporter: Reporter;
}

const LISTED = 50;

/**
 * Sends every pending delivery that is due, oldest alert first, and records each attempt as it
 * ends (sendWithRetries: Retry-After on 429, jittered backoff on 5xx and timeouts; a permanent
 * answer or `maxAttempts` in all marks it failed). A channel that stays
 * down is not tried again in this run: its other deliveries wait for the next one. Never throws for
 * a channel's failure; throws the abort reason, and database errors.
 */
export async function deliverPending(
  deps: DeliverDeps,
  senders: ReadonlyMap<ChannelName, Sender>,
  policy: RetryPolicy,
  random: () => number = Math.random,
): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, failed: 0, pending: 0, deliveries: [] };
  const down = new Set<string>();
  const note = (o: DeliveryOutcome) => {
    if (o.status === 'sent') report.sent++;
    else if (o.status === 'failed') report.failed++;
    else if (o.status === 'pending') report.pending++;
    if (report.deliveries.length < LISTED) report.deliveries.push(o);
  };
  for (const row of await pendingDeliveries(deps.db)) {
    const payload = JSON.parse(row.payload) as AlertPayload;
    const base = { alert_id: row.alert_id, kind: payload.kind, channel: row.channel };
    const nowIso = isoAt(deps.clock.now());
    const sender = senders.get(row.channel as ChannelName);
    if (!sender) {
      const error = `${row.channel} is no longer configured`;
      await recordDelivery(deps.db, row.alert_id, row.channel, { status: 'skipped', attempts: row.attempts, lastError: error, nextAttemptAt: null, nowIso });
      note({ ...base, status: 'skipped', attempts: row.attempts, error });
      continue;
    }
    if (down.has(row.channel) || (row.next_attempt_at !== null && row.next_attempt_at > nowIso)) {
      report.pending++;
      continue;
    }
    const sent = await sendWithRetries({
      send: () => sender(row.payload, payload.id, deps.signal),
      policy,
      previousAttempts: row.attempts,
      signal: deps.signal,
      random,
      afterTry: (result, attempts) =>
        recordDelivery(deps.db, row.alert_id, row.channel, { status: 'pending', attempts, lastError: result.ok ? null : result.error, nextAttemptAt: null, nowIso: isoAt(deps.clock.now()) }),
    });
    const at = isoAt(deps.clock.now());
    const attempts = sent.attempts;
    if (sent.result.ok) {
      await recordDelivery(deps.db, row.alert_id, row.channel, { status: 'sent', attempts, lastError: null, nextAttemptAt: null, nowIso: at });
      note({ ...base, status: 'sent', attempts, error: null });
    } else if (sent.outcome === 'failed') {
      const error = sent.result.permanent ? sent.result.error : `gave up after ${attempts} attempts: ${sent.result.error}`;
      await recordDelivery(deps.db, row.alert_id, row.channel, { status: 'failed', attempts, lastError: error, nextAttemptAt: null, nowIso: at });
      deps.reporter.warn(`alert ${row.alert_id} to ${row.channel} failed: ${error}`);
      note({ ...base, status: 'failed', attempts, error });
    } else {
      const nextAttemptAt = isoAt(deps.clock.now() + (sent.retryInMs ?? 0));
      await recordDelivery(deps.db, row.alert_id, row.channel, { status: 'pending', attempts, lastError: sent.result.error, nextAttemptAt, nowIso: at });
      deps.reporter.warn(`alert ${row.alert_id} to ${row.channel} not delivered yet (${sent.result.error}); the next run retries`);
      note({ ...base, status: 'pending', attempts, error: sent.result.error });
      down.add(row.channel);
    }
  }
  return report;
}
