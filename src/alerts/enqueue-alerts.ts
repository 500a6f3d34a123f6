import { isoAt } from '../clock.js';
import { readJobStatuses } from '../schedule/job-status.js';
import type { ThemeOutcome, ThemeOutcomesHook } from '../themes/update-stats.js';
import type { TaskContext } from '../worker/run-task.js';
import { jobAlert, themeSummary, type AlertPayload } from './alert-payload.js';
import type { AlertSettings, ChannelName } from './alert-settings.js';
import { insertAlert, themeAlertHistory } from './alert-outbox.js';
import { planJobAlerts, type JobHistory, type JobRun } from './job-rules.js';
import { planThemeAlerts } from './theme-rules.js';
import { themeSnapshot } from './theme-snapshot.js';

/** Where new alerts go: the channels configured now, pending or (under --no-alerts) skipped. */
export interface OutboxTarget {
  settings: AlertSettings;
  channels: readonly ChannelName[];
  status: 'pending' | 'skipped';
  runId: string;
  /** Counts the alerts added, for the run's result. */
  added: { count: number };
}

/**
 * The hook the trends task runs inside the transaction that stores the themes' numbers: plans the
 * theme alerts from the outcomes and the outbox's history, and adds them to the outbox there, so a
 * theme's rising state and its alert commit together or not at all.
 */
export function themeAlertsHook(target: OutboxTarget, nowMs: number): ThemeOutcomesHook {
  return async (trx, outcomes) => {
    const interesting = outcomes.filter((o) => o.stats.rising || o.wasRising || o.stats.count_24h >= target.settings.newThemeTickets);
    if (interesting.length === 0) return;
    const history = await themeAlertHistory(trx, interesting.map((o) => o.stats.id));
    const intents = planThemeAlerts(interesting.map(themeNow), history, target.settings, nowMs);
    const customers = new Map(interesting.map((o) => [o.stats.id, o.customers24h]));
    for (const intent of intents) {
      const theme = await themeSnapshot(trx, {
        themeId: intent.themeId,
        customers24h: customers.get(intent.themeId) ?? 0,
        previousCount24h: intent.previousCount,
        nowMs,
        publicUrl: target.settings.publicUrl,
        zendeskBaseUrl: target.settings.zendeskBaseUrl,
      });
      const payload = basePayload(target, intent.idempotencyKey, intent.kind, nowMs, themeSummary(intent.kind, theme));
      payload.theme = theme;
      const added = await insertAlert(trx, { payload, themeId: intent.themeId, job: null, episode: intent.episode, count24h: intent.count24h, runId: target.runId }, target.channels, target.status);
      if (added) target.added.count++;
    }
  };
}

/**
 * Adds the operations alerts (a scheduled job failing twice in a row, or overdue as `status` says)
 * in one transaction, for the jobs as really scheduled. The running task's own job is not
 * reported overdue: it is running.
 */
export async function enqueueJobAlerts(ctx: Pick<TaskContext, 'db' | 'store'>, target: OutboxTarget, nowMs: number, runningTask: string): Promise<void> {
  const histories: JobHistory[] = [];
  for (const job of await readJobStatuses(ctx.store, nowMs)) {
    const task = job.command.replace(/^issuetrack /, '');
    const runs = await ctx.db
      .selectFrom('runs')
      .select(['id', 'status', 'started_at', 'error'])
      .where('task', '=', task)
      .where('id', '!=', target.runId)
      .orderBy('started_at', 'desc')
      .limit(20)
      .execute();
    histories.push({
      name: job.name,
      schedule: job.schedule,
      enabled: job.enabled,
      runs: runs.map((r): JobRun => ({ id: r.id, status: r.status, startedAt: r.started_at, error: r.error })),
      overdue: job.overdue && task !== runningTask,
      lastSuccessAt: job.last_success_at,
      periodMs: job.period_s * 1000,
    });
  }
  const intents = planJobAlerts(histories);
  if (intents.length === 0) return;
  await ctx.db.transaction().execute(async (trx) => {
    for (const intent of intents) {
      const { job, summary } = jobAlert(intent);
      const payload = basePayload(target, intent.idempotencyKey, intent.kind, nowMs, summary);
      payload.job = job;
      if (await insertAlert(trx, { payload, themeId: null, job: intent.job, episode: null, count24h: null, runId: target.runId }, target.channels, target.status)) {
        target.added.count++;
      }
    }
  });
}

function themeNow(o: ThemeOutcome) {
  return {
    id: o.stats.id,
    rising: o.stats.rising === 1,
    risingSince: o.stats.rising_since,
    wasRising: o.wasRising,
    wasRisingSince: o.wasRisingSince,
    count24h: o.stats.count_24h,
    firstSeen: o.stats.first_seen,
    customers24h: o.customers24h,
  };
}

function basePayload(target: OutboxTarget, id: string, kind: AlertPayload['kind'], nowMs: number, summary: string): AlertPayload {
  return { version: 1, id, kind, created_at: isoAt(nowMs), summary, theme: null, job: null, dashboard_url: target.settings.publicUrl ? `${target.settings.publicUrl}/` : null };
}
