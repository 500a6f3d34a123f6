import { loadConfig, type GlobalOptions } from '../build-deps.js';
import { alertSettings, configuredChannels } from '../alerts/alert-settings.js';
import { listAlerts } from '../alerts/alert-outbox.js';
import { oneLine } from '../alerts/plain-text.js';
import { sendTestAlerts } from '../alerts/send-test.js';
import { systemClock } from '../clock.js';
import type { Deps } from '../deps.js';
import { ConfigError, UnavailableError } from '../errors.js';
import { renderTable } from '../output/table.js';
import type { Terminal } from '../output/terminal.js';

export interface AlertsTestOptions extends GlobalOptions {
  json?: boolean;
}

/**
 * `issuetrack alerts test`: sends a sample alert to each configured channel and prints what each
 * did. No channel configured is a configuration error (78); a channel that failed exits 69.
 */
export async function alertsTestCommand(opts: AlertsTestOptions, ctx: { term: Terminal; signal: AbortSignal }): Promise<void> {
  const settings = alertSettings(loadConfig(opts, ctx.term));
  if (configuredChannels(settings).length === 0) {
    throw new ConfigError('no alert channel configured: set ISSUETRACK_ALERT_SLACK_WEBHOOK, ISSUETRACK_ALERT_WEBHOOK or ISSUETRACK_ALERT_EMAIL');
  }
  const outcomes = await sendTestAlerts(settings, systemClock, ctx.signal);
  ctx.term.stdout.write(
    opts.json
      ? JSON.stringify({ channels: outcomes }) + '\n'
      : renderTable(ctx.term, ['channel', 'target', 'result', 'attempts', 'error'], outcomes.map((o) => [o.channel, o.target, o.status, o.attempts, o.error])),
  );
  const failed = outcomes.filter((o) => o.status === 'failed');
  if (failed.length) throw new UnavailableError(`alerts test: ${failed.map((o) => `${o.channel} failed (${o.error})`).join('; ')}`);
}

export interface AlertsListOptions {
  limit: number;
  json?: boolean;
}

/** `issuetrack alerts list`: the newest alerts and how each channel's delivery went. Read-only. */
export async function alertsListCommand(opts: AlertsListOptions, deps: Deps, term: Terminal): Promise<void> {
  const alerts = await listAlerts(deps.db, opts.limit);
  if (opts.json) {
    term.stdout.write(JSON.stringify({ alerts }) + '\n');
    return;
  }
  if (alerts.length === 0 && term.stdoutIsTTY) {
    term.stdout.write('no alerts yet (trends and pipeline raise them; issuetrack alerts test sends a sample)\n');
    return;
  }
  const delivery = (d: (typeof alerts)[number]['deliveries'][number]) =>
    `${d.channel} ${d.status}${d.status === 'sent' ? '' : d.last_error ? ` (${oneLine(d.last_error, 80)})` : ''}`;
  term.stdout.write(
    renderTable(
      term,
      ['id', 'at', 'kind', 'summary', 'delivery'],
      alerts.map((a) => [a.id, a.created_at, a.kind, oneLine(a.summary, 100), a.deliveries.length ? a.deliveries.map(delivery).join('; ') : 'no channel configured']),
    ),
  );
}
