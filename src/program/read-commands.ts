import { Option, type Command } from 'commander';
import { duration, integerIn, oneOf, recentWindow } from '../cli-options.js';
import type { ProcessContext } from '../process-context.js';
import { jsonOption, optionsOf, withContext, withDeps } from './actions.js';
import { TASK_NAMES } from '../worker/task-names.js';

/** The read-only commands: status, issues, report, export, logs. */
export function registerReadCommands(program: Command, ctx: ProcessContext): void {
  program
    .command('status')
    .description('worker state, scheduled jobs, totals and run metrics')
    .addOption(jsonOption())
    .option('--check', 'one line and exit 0 ok, 1 warning (a schedule changed, not installed), 2 critical (overdue job, failed last run, stale lease, batch open over 24 h, no database)')
    .addOption(new Option('--days <n>', 'days in the runs-per-day table (1..30; --json always has 30)').argParser(integerIn(1, 30)).default(7))
    .addHelpText(
      'after',
      `
Runs per day are counted by the UTC day a run started (jobs run, ok, failed, success and error
rates of finished runs, average duration, tickets synced, tickets processed by analysis, issues
extracted); days without runs show zeros. Schedule times are shown in the local time zone.

Examples:
  $ issuetrack status
  $ issuetrack status --days 30
  $ issuetrack status --json | jq .worker.status
  $ issuetrack status --json | jq '.metrics.daily.last_7d.success_rate'
  $ issuetrack status --check || echo "needs attention"`,
    )
    .action(async (...args: unknown[]) => {
      const options = optionsOf(args);
      if (options.check) return (await import('../commands/status-check.js')).statusCheckCommand(options, ctx);
      return withDeps(ctx, async () => (await import('../commands/status.js')).statusCommand, { kysely: false, readOnly: true, allowMissing: true })(...args);
    });

  const issues = program
    .command('issues')
    .description('themes ranked by how many tickets report them')
    .option('--rising', 'only themes that are rising')
    .addOption(new Option('--since <window>', 'window to count, like 24h, 7d, 4w').argParser(duration).default(7 * 86_400_000, '7d'))
    .option('--category <c>', 'only this category')
    .addOption(new Option('--limit <n>', 'most themes to list').argParser(integerIn(1, 10_000)).default(20))
    .addOption(jsonOption())
    .addHelpText('after', '\nExamples:\n  $ issuetrack issues --rising\n  $ issuetrack issues --category bug --since 28d --limit 50\n  $ issuetrack issues show 12')
    .action(withDeps(ctx, async () => (await import('../commands/issues.js')).issuesCommand, { readOnly: true, verify: true }));
  issues
    .command('show <id>')
    .description('one theme whole: description, timeline, sample tickets')
    .addOption(jsonOption())
    .action(withDeps(ctx, async () => (await import('../commands/issues.js')).issuesShowCommand, { readOnly: true, verify: true }));

  program
    .command('report')
    .description('a report of top, rising and new themes, fit to mail from cron')
    .addOption(new Option('--format <f>', 'md or html').argParser(oneOf(['md', 'html'] as const)).default('md'))
    .addOption(new Option('--since <window>', 'window to report, like 7d').argParser(duration).default(7 * 86_400_000, '7d'))
    .option('--out <file>', 'write to FILE instead of stdout')
    .addHelpText('after', '\nExamples:\n  $ issuetrack report --format html --out weekly.html')
    .action(withDeps(ctx, async () => (await import('../commands/report.js')).reportCommand, { readOnly: true, verify: true }));

  program
    .command('export <what>')
    .description('export tickets or issues as JSON lines or CSV')
    .addOption(new Option('--format <f>', 'jsonl or csv').argParser(oneOf(['jsonl', 'csv'] as const)).default('jsonl'))
    .option('--out <file>', 'write to FILE instead of stdout')
    .addHelpText('after', '\nExamples:\n  $ issuetrack export tickets --format csv --out tickets.csv\n  $ issuetrack export issues | jq -c .title')
    .action(withDeps(ctx, async () => (await import('../commands/export.js')).exportCommand, { readOnly: true, verify: true }));

  program
    .command('logs')
    .description('read or follow the run log: every run\'s start and end, refusals and failures')
    .option('-f, --follow', 'print new lines as they are written, until Ctrl-C')
    .option('--run <id>', 'only this run')
    .addOption(new Option('--task <task>', 'only this task').argParser(oneOf(TASK_NAMES)))
    .addOption(new Option('--since <window>', 'only the last 30m, 1h, 24h, 7d, …').argParser(recentWindow))
    .addOption(new Option('--level <level>', 'lowest level shown').argParser(oneOf(['debug', 'info', 'warn', 'error'] as const)))
    .addOption(new Option('--json', 'one JSON object {log_file, entries}; with -f, one JSON object per line'))
    .addHelpText(
      'after',
      `
The log is JSON lines at $XDG_STATE_HOME/issuetrack/issuetrack.log (ISSUETRACK_LOG_FILE), kept
under 5 MiB and 3 rotated files (ISSUETRACK_LOG_MAX_BYTES); ISSUETRACK_LOG_LEVEL=debug adds
progress lines. Every line has time, level, event, run_id and task, so grep works too.

Examples:
  $ issuetrack logs --since 24h --level warn
  $ issuetrack logs --since 30m --task sync
  $ issuetrack logs -f --task pipeline
  $ issuetrack logs --run r_20261130T020000Z_1a2b3c
  $ issuetrack logs --json | jq '.entries[] | select(.event == "run_end") | .duration_ms'`,
    )
    .action(withContext(ctx, async () => (await import('../commands/logs.js')).logsCommand));
}
