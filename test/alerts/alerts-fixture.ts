import type { Kysely } from 'kysely';
import { alertSettings, type AlertSettings } from '../../src/alerts/alert-settings.js';
import { resolveConfig } from '../../src/config.js';
import type { Deps } from '../../src/deps.js';
import { alertsDb } from '../../src/store/schema-alerts.js';
import type { Database } from '../../src/store/schema.js';
import { trendsJob, type TrendsJobResult } from '../../src/pipeline/trends-job.js';
import { runTask, type TaskOutcome } from '../../src/worker/run-task.js';
import { seedTickets, ticketsOver } from '../helpers/seed-issues.js';

export const DAY = 86_400_000;

/** A month of about one ticket a day, then twelve in the last day from twelve customers: it rises. */
export async function seedRisingTheme(db: Kysely<Database>, nowMs: number, firstId = 1): Promise<void> {
  await seedTickets(db, [
    ...ticketsOver({ firstId, count: 30, fromMs: nowMs - 31 * DAY, toMs: nowMs - DAY, title: 'Android app crashes when uploading a photo', category: 'bug', component: 'android app' }),
    ...ticketsOver({ firstId: firstId + 100, count: 12, fromMs: nowMs - DAY + 60_000, toMs: nowMs, title: 'Android app crashes when uploading a photo', category: 'bug', component: 'android app' }),
  ]);
}

/** Alert settings from an environment, with retries fast enough for tests. */
export function testSettings(env: Record<string, string>, overrides: Partial<AlertSettings['retry']> = {}): AlertSettings {
  const settings = alertSettings(resolveConfig({ flags: {}, env: { HOME: '/nonexistent', ...env }, cwd: '/' }));
  return { ...settings, retry: { ...settings.retry, baseDelayMs: 5, maxDelayMs: 20, ...overrides } };
}

/** One hourly trends run with alerts, as the CLI would run it. */
export async function trendsWithAlerts(deps: Deps, settings: AlertSettings | null, send = true): Promise<TaskOutcome<TrendsJobResult>> {
  return runTask(deps, 'trends', {}, (ctx) => trendsJob(ctx, {}, settings && { settings, send }));
}

/** Every delivery row, oldest first. */
export async function deliveries(db: Kysely<Database>): Promise<Array<{ alert_id: number; channel: string; status: string; attempts: number; last_error: string | null }>> {
  return alertsDb(db)
    .selectFrom('alert_deliveries')
    .select(['alert_id', 'channel', 'status', 'attempts', 'last_error'])
    .orderBy('alert_id')
    .orderBy('channel')
    .execute();
}
