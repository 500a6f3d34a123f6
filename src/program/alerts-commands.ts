import { Option, type Command } from 'commander';
import { integerIn } from '../cli-options.js';
import type { ProcessContext } from '../process-context.js';
import { jsonOption, withContext, withDeps } from './actions.js';

/** `alerts test` and `alerts list`. */
export function registerAlertsCommands(program: Command, ctx: ProcessContext): void {
  const alerts = program
    .command('alerts')
    .description('alerts to Slack, a webhook and mail: send a test, list what was sent')
    .addHelpText(
      'after',
      `
trends and pipeline alert when a theme starts rising (once per rise), when it doubles again after
a cooldown, when a new theme reaches N tickets from two or more customers in 24 h, when a
scheduled job fails twice in a row or is overdue, and (if asked) when a theme stops rising.

Channels, from the environment or .env (webhook URLs are secrets: only their host is ever shown):
  ISSUETRACK_ALERT_SLACK_WEBHOOK      Slack incoming webhook URL
  ISSUETRACK_ALERT_WEBHOOK            any URL; gets the JSON payload described in the README
  ISSUETRACK_ALERT_WEBHOOK_SECRET     signs it: X-Issuetrack-Signature: t=<unix>,v1=<HMAC-SHA256>
  ISSUETRACK_ALERT_EMAIL              addresses, comma-separated, sent with sendmail -t -i
  ISSUETRACK_ALERT_EMAIL_FROM, ISSUETRACK_SENDMAIL (default /usr/sbin/sendmail)
Rules: ISSUETRACK_ALERT_COOLDOWN (24h), ISSUETRACK_ALERT_NEW_THEME_TICKETS (5),
ISSUETRACK_ALERT_ON_RECOVERY (0), ISSUETRACK_ALERT_TIMEOUT (10s). Overdue is what status says.
Links: ISSUETRACK_PUBLIC_URL (where serve is reachable), Zendesk's host for ticket links.

Examples:
  $ issuetrack alerts test
  $ issuetrack alerts list
  $ issuetrack alerts list --json | jq '.alerts[] | select(.deliveries[].status == "failed")'`,
    );
  alerts
    .command('test')
    .description('send a sample alert to each configured channel')
    .addOption(jsonOption())
    .addHelpText('after', '\nExits 78 when no channel is configured, 69 when a channel failed.\n\nExamples:\n  $ issuetrack alerts test\n  $ ISSUETRACK_ALERT_EMAIL=me@example.com issuetrack alerts test --json')
    .action(withContext(ctx, async () => (await import('../commands/alerts.js')).alertsTestCommand));
  alerts
    .command('list')
    .description('recent alerts and how each delivery went (read-only)')
    .addOption(new Option('--limit <n>', 'most alerts to list').argParser(integerIn(1, 10_000)).default(20))
    .addOption(jsonOption())
    .addHelpText('after', '\nExamples:\n  $ issuetrack alerts list\n  $ issuetrack alerts list --limit 100 --json')
    .action(withDeps(ctx, async () => (await import('../commands/alerts.js')).alertsListCommand));
}
