import { oneLineMessage } from '../errors.js';
import type { ThemeOutcomesHook } from '../themes/update-stats.js';
import type { TaskContext } from '../worker/run-task.js';
import type { Config } from '../config.js';
import { alertSettings, configuredChannels, type AlertSettings } from './alert-settings.js';
import { buildSenders } from './channels.js';
import { deliverPending, type DeliveryOutcome } from './deliver.js';
import { enqueueJobAlerts, themeAlertsHook, type OutboxTarget } from './enqueue-alerts.js';

/** What a trends or pipeline run was asked about alerts. */
export interface AlertsRequest {
  settings: AlertSettings;
  /** False under --no-alerts: alerts are still recorded (so they are not raised later) but not sent. */
  send: boolean;
}

/** The `alerts` part of a trends result: what this run added to the outbox and what it delivered. */
export interface AlertsResult extends Record<string, unknown> {
  /** Alerts this run added to the outbox. */
  queued: number;
  sent: number;
  /** Deliveries given up for good (a 4xx, or too many attempts): `status` shows them. */
  failed: number;
  /** Deliveries left for the next run (channel down, Retry-After too long, or not due). */
  pending: number;
  /** Alerts recorded but not sent: --no-alerts. */
  skipped: number;
  channels: string[];
  deliveries: DeliveryOutcome[];
  /** Set when delivery itself stopped (say, the database was busy); the rows stay pending. */
  error?: string;
}

/** The request of a run that alerts; `send` false for --no-alerts. Throws ConfigError on bad settings. */
export function alertsRequest(config: Config, send: boolean): AlertsRequest {
  return { settings: alertSettings(config), send };
}

/**
 * Runs `run` (the trends task) with alerts around it: first the operations checks, then `run` with
 * the hook that writes theme alerts in the stats transaction, then, after that commit, delivery of
 * everything pending, older runs' leftovers included. Delivery runs even when `run` failed (an ops
 * alert matters most then) and never fails the run: a channel's failure is recorded, not thrown.
 * Only the abort reason and database errors escape.
 */
export async function withAlerts<R extends Record<string, unknown>>(
  ctx: TaskContext,
  request: AlertsRequest | null,
  task: string,
  run: (onThemeOutcomes?: ThemeOutcomesHook) => Promise<R>,
): Promise<R & { alerts: AlertsResult | null }> {
  if (!request) return { ...(await run()), alerts: null };
  const channels = configuredChannels(request.settings);
  const target: OutboxTarget = { settings: request.settings, channels, status: request.send ? 'pending' : 'skipped', runId: ctx.runId, added: { count: 0 } };
  const nowMs = ctx.clock.now();
  await enqueueJobAlerts(ctx, target, nowMs, task);
  let result: R;
  try {
    result = await run(themeAlertsHook(target, nowMs));
  } catch (error) {
    if (!ctx.signal.aborted) await deliverQuietly(ctx, request, target, channels);
    throw error;
  }
  return { ...result, alerts: await deliverQuietly(ctx, request, target, channels) };
}

async function deliverQuietly(ctx: TaskContext, request: AlertsRequest, target: OutboxTarget, channels: string[]): Promise<AlertsResult> {
  const base: AlertsResult = { queued: target.added.count, sent: 0, failed: 0, pending: 0, skipped: 0, channels, deliveries: [] };
  if (!request.send) return { ...base, skipped: target.added.count * channels.length };
  if (channels.length === 0) return base;
  ctx.progress({ phase: 'alerts: delivering' });
  try {
    const report = await deliverPending(ctx, buildSenders(request.settings, ctx.clock), request.settings.retry);
    return { ...base, ...report };
  } catch (error) {
    if (ctx.signal.aborted) throw error;
    // The outbox keeps every row pending: the next run delivers. Themes must not fail for this.
    ctx.reporter.warn(`alert delivery stopped: ${oneLineMessage(error)}`);
    return { ...base, error: oneLineMessage(error) };
  }
}
