import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import { alertsDb, type DeliveryStatus } from '../store/schema-alerts.js';
import type { AlertPayload } from './alert-payload.js';
import type { ChannelName } from './alert-settings.js';
import type { PastThemeAlert } from './theme-rules.js';

/** Reads and writes of the alert outbox (migration 0010). Plain rows in and out. */

export interface NewAlert {
  payload: AlertPayload;
  themeId: number | null;
  job: string | null;
  episode: string | null;
  count24h: number | null;
  runId: string | null;
}

/**
 * Adds an alert and one delivery per channel, all `status` (pending, or skipped under --no-alerts),
 * unless an alert with the same idempotency key exists. Returns true when it was added. Run it in
 * the caller's transaction: the theme state it follows commits with it.
 */
export async function insertAlert(db: Kysely<Database>, alert: NewAlert, channels: readonly ChannelName[], status: 'pending' | 'skipped'): Promise<boolean> {
  const adb = alertsDb(db);
  const p = alert.payload;
  const row = await adb
    .insertInto('alert_outbox')
    .values({
      idempotency_key: p.id,
      kind: p.kind,
      theme_id: alert.themeId,
      job: alert.job,
      episode: alert.episode,
      count_24h: alert.count24h,
      summary: p.summary,
      payload: JSON.stringify(p),
      run_id: alert.runId,
      created_at: p.created_at,
    })
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!row) return false;
  for (const channel of channels) {
    await adb
      .insertInto('alert_deliveries')
      .values({ alert_id: row.id, channel, status, last_error: status === 'skipped' ? 'not sent: --no-alerts' : null, updated_at: p.created_at })
      .execute();
  }
  return true;
}

/** Every theme alert of `themeIds`, by theme. Read-only. */
export async function themeAlertHistory(db: Kysely<Database>, themeIds: readonly number[]): Promise<Map<number, PastThemeAlert[]>> {
  const out = new Map<number, PastThemeAlert[]>();
  const adb = alertsDb(db);
  for (let i = 0; i < themeIds.length; i += 500) {
    const rows = await adb
      .selectFrom('alert_outbox')
      .select(['theme_id', 'kind', 'episode', 'count_24h', 'created_at'])
      .where('theme_id', 'in', themeIds.slice(i, i + 500))
      .execute();
    for (const r of rows) {
      let list = out.get(r.theme_id!);
      if (!list) out.set(r.theme_id!, (list = []));
      list.push({ kind: r.kind, episode: r.episode, count24h: r.count_24h, createdAt: r.created_at });
    }
  }
  return out;
}

export interface PendingDelivery {
  alert_id: number;
  channel: string;
  attempts: number;
  next_attempt_at: string | null;
  payload: string;
}

/** Pending deliveries, oldest alert first. Read-only. */
export async function pendingDeliveries(db: Kysely<Database>): Promise<PendingDelivery[]> {
  return alertsDb(db)
    .selectFrom('alert_deliveries as d')
    .innerJoin('alert_outbox as a', 'a.id', 'd.alert_id')
    .select(['d.alert_id', 'd.channel', 'd.attempts', 'd.next_attempt_at', 'a.payload'])
    .where('d.status', '=', 'pending')
    .orderBy('d.alert_id')
    .orderBy('d.channel')
    .execute();
}

export interface DeliveryUpdate {
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string | null;
  nowIso: string;
}

/** Records one attempt's outcome at once, so a crash after it never repeats a finished send. */
export async function recordDelivery(db: Kysely<Database>, alertId: number, channel: string, u: DeliveryUpdate): Promise<void> {
  await alertsDb(db)
    .updateTable('alert_deliveries')
    .set({
      status: u.status,
      attempts: u.attempts,
      last_error: u.lastError,
      next_attempt_at: u.nextAttemptAt,
      updated_at: u.nowIso,
      ...(u.status === 'sent' ? { sent_at: u.nowIso } : {}),
    })
    .where('alert_id', '=', alertId)
    .where('channel', '=', channel)
    .execute();
}

export interface ListedAlert {
  id: number;
  key: string;
  kind: string;
  summary: string;
  theme_id: number | null;
  job: string | null;
  run_id: string | null;
  created_at: string;
  deliveries: Array<{ channel: string; status: DeliveryStatus; attempts: number; last_error: string | null; sent_at: string | null; next_attempt_at: string | null }>;
}

/** The newest `limit` alerts with their deliveries, newest first. Read-only. */
export async function listAlerts(db: Kysely<Database>, limit: number): Promise<ListedAlert[]> {
  const adb = alertsDb(db);
  const alerts = await adb
    .selectFrom('alert_outbox')
    .select(['id', 'idempotency_key', 'kind', 'summary', 'theme_id', 'job', 'run_id', 'created_at'])
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  if (alerts.length === 0) return [];
  const deliveries = await adb
    .selectFrom('alert_deliveries')
    .select(['alert_id', 'channel', 'status', 'attempts', 'last_error', 'sent_at', 'next_attempt_at'])
    .where('alert_id', 'in', alerts.map((a) => a.id))
    .orderBy('channel')
    .execute();
  return alerts.map(({ idempotency_key, ...a }) => ({
    ...a,
    key: idempotency_key,
    deliveries: deliveries.filter((d) => d.alert_id === a.id).map(({ alert_id: _, ...d }) => d),
  }));
}
