import { Argument, Command, Option } from 'commander';
import type { DepsOptions, GlobalOptions } from './build-deps.js';
import { MAX_COST_RANGE } from './analysis/budget.js';
import { amountIn, integerIn, modelId, oneOf, duration } from './cli-options.js';
import type { Deps } from './deps.js';
import type { Terminal } from './output/terminal.js';
import { versionLine } from './version.js';

/**
 * The commander program: every command with its options, help text and examples. Each command
 * module is imported inside its action, so a command parses only what it uses. The process
 * itself (signals, the catch that maps errors to exit codes, exit) belongs to cli.ts.
 */

/** What every action needs from the process: the terminal and the SIGINT/SIGTERM signal. */
export interface ProcessContext {
  term: Terminal;
  signal: AbortSignal;
}

type Action<O> = (opts: O, deps: Deps, term: Terminal, args: string[]) => Promise<void>;

/** Wraps a lazily imported command so that it gets Deps and the database is always closed. */
function withDeps<O extends object>(
  ctx: ProcessContext,
  load: () => Promise<Action<O & GlobalOptions>>,
  opts: DepsOptions & { kysely?: boolean } = {}, // kysely: false for commands that must start fast
) {
  return async (...actionArgs: unknown[]) => {
    const command = actionArgs[actionArgs.length - 1] as Command;
    const options = command.optsWithGlobals() as O & GlobalOptions;
    const positional = actionArgs.slice(0, -2).filter((a): a is string => typeof a === 'string');
    // build-deps pulls in better-sqlite3: load it only for commands that use the database.
    const [action, { buildDeps, withKysely, logCommandFailure }] = await Promise.all([load(), import('./build-deps.js')]);
    try {
      const { deps, close } = await buildDeps(options, ctx.term, ctx.signal, opts);
      try {
        await action(options, opts.kysely === false ? deps : await withKysely(deps), ctx.term, positional);
      } finally {
        await close();
      }
    } catch (error) {
      // Task commands log why they failed (configuration, usage, refusals): cron's runs leave a trace.
      if (opts.forTask) logCommandFailure(options, ctx.term, command.name(), error);
      throw error;
    }
  };
}

const jsonOption = () => new Option('--json', 'print one JSON object on stdout');

/** Builds the program; parse errors surface as CommanderError (exitOverride). */
export function buildProgram(ctx: ProcessContext): Command {
  const program = new Command('issuetrack')
    .description('Turn Zendesk support tickets into a ranked, living list of product problems.')
    .version(versionLine(), '-V, --version', 'print the version and the database schema version')
    .option('--db <path>', 'SQLite database (path, file: or sqlite: URL); env ISSUETRACK_DB or DATABASE_URL')
    .option('-v, --verbose', 'timestamped progress lines on stderr (for CI logs)')
    .option('-q, --quiet', 'no spinner, even on a terminal')
    .option('--debug', 'print stack traces with errors')
    .exitOverride()
    .configureOutput({ outputError: () => {} }) // our catch prints the one line
    .addHelpText(
      'after',
      `
Examples:
  $ issuetrack pipeline                 sync, analyse and update themes (what cron runs daily)
  $ issuetrack status                   what the worker is doing and when jobs run next
  $ issuetrack issues --rising          themes that are growing
  $ issuetrack schedule --cron          print crontab lines for the scheduled jobs

Exit codes: 0 ok, 1 task failed, 64 usage, 69 remote unavailable, 75 busy (retry later),
77 auth rejected, 78 configuration, 130/143 interrupted.`,
    );

  program
    .command('sync')
    .description('fetch new and changed Zendesk tickets and their conversations into the database')
    .addOption(new Option('--backfill-days <n>', 'restart the export from N days ago (1..3650)').argParser(integerIn(1, 3650)))
    .addOption(jsonOption())
    .addHelpText('after', '\nExamples:\n  $ issuetrack sync\n  $ issuetrack sync --backfill-days 90 --verbose\n  $ issuetrack sync --json | jq .result')
    .action(withDeps(ctx, async () => (await import('./commands/sync.js')).syncCommand, { forTask: true }));

  program
    .command('analyze')
    .description('extract product issues from new or changed tickets with Claude')
    .addOption(new Option('--batch-size <n>', 'most tickets to analyse in this run').argParser(integerIn(1, 100_000)).default(500))
    .addOption(new Option('--concurrency <n>', 'requests in flight at once').argParser(integerIn(1, 64)).default(8))
    .addOption(new Option('--max-cost <usd>', 'USD: stop starting calls once the estimate would pass this (0.0001..1000000)').argParser(amountIn(MAX_COST_RANGE.min, MAX_COST_RANGE.max)))
    .option('--batch', 'submit as a Message Batch (half price, results collected by later runs)')
    .option('--no-redact', 'send ticket text without redacting personal data')
    .addOption(new Option('--model <id>', 'Claude model id; env ISSUETRACK_MODEL').argParser(modelId))
    .addOption(jsonOption())
    .addHelpText('after', '\nExamples:\n  $ issuetrack analyze --max-cost 2\n  $ issuetrack analyze --batch --batch-size 20000')
    .action(withDeps(ctx, async () => (await import('./commands/analyze.js')).analyzeCommand, { forTask: true }));

  program
    .command('trends')
    .description('place new issues into themes and flag the themes that are rising (hourly job)')
    .option('--name-with-claude', 'name and describe themes with one Claude call')
    .option('--consolidate-with-claude', 'ask Claude which near-duplicate themes are one problem (one call per 300 candidates) and merge them')
    .option('--no-alerts', 'record alerts this run raises but send none (a backfill, a first run)')
    .addOption(jsonOption())
    .addHelpText(
      'after',
      `
Alerts (see issuetrack alerts --help) are written with the themes' numbers and sent after them;
a channel that is down never fails the run, and --json's result.alerts says what was delivered.

Examples:
  $ issuetrack trends
  $ issuetrack trends --name-with-claude --json
  $ issuetrack trends --consolidate-with-claude --json | jq '.result.consolidated'
  $ issuetrack trends --no-alerts                       after a large backfill: no alert storm`,
    )
    .action(withDeps(ctx, async () => (await import('./commands/trends.js')).trendsCommand, { forTask: true }));

  program
    .command('pipeline')
    .description('sync, then analyze, then trends, under one lease (daily job)')
    .addOption(new Option('--backfill-days <n>', 'restart the export from N days ago (1..3650)').argParser(integerIn(1, 3650)))
    .addOption(new Option('--batch-size <n>', 'most tickets to analyse in this run').argParser(integerIn(1, 100_000)).default(500))
    .addOption(new Option('--concurrency <n>', 'Claude requests in flight at once').argParser(integerIn(1, 64)).default(8))
    .addOption(new Option('--max-cost <usd>', 'USD cost ceiling for the analyze step (0.0001..1000000)').argParser(amountIn(MAX_COST_RANGE.min, MAX_COST_RANGE.max)))
    .option('--batch', 'analyse through Message Batches (half price; later runs collect the results)')
    .option('--no-redact', 'send ticket text without redacting personal data')
    .option('--name-with-claude', 'name and describe themes with one Claude call')
    .option('--no-alerts', 'record alerts this run raises but send none')
    .addOption(new Option('--model <id>', 'Claude model id; env ISSUETRACK_MODEL').argParser(modelId))
    .addOption(jsonOption())
    .addHelpText(
      'after',
      `
A step that fails does not stop the next ones (analysis and themes still move when Zendesk is
down); the run then exits with the first failure's code and --json shows each step's outcome.

Examples:
  $ issuetrack pipeline
  $ issuetrack pipeline --max-cost 5 --json
  $ issuetrack pipeline --batch --batch-size 20000      cron-friendly backfill
  $ issuetrack pipeline --backfill-days 90 --no-alerts  import history without alerting on it`,
    )
    .action(withDeps(ctx, async () => (await import('./commands/pipeline.js')).pipelineCommand, { forTask: true }));

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
    .action(async (...args: unknown[]) => {
      const options = (args[args.length - 1] as Command).optsWithGlobals();
      await (await import('./commands/alerts.js')).alertsTestCommand(options, ctx);
    });
  alerts
    .command('list')
    .description('recent alerts and how each delivery went (read-only)')
    .addOption(new Option('--limit <n>', 'most alerts to list').argParser(integerIn(1, 10_000)).default(20))
    .addOption(jsonOption())
    .addHelpText('after', '\nExamples:\n  $ issuetrack alerts list\n  $ issuetrack alerts list --limit 100 --json')
    .action(withDeps(ctx, async () => (await import('./commands/alerts.js')).alertsListCommand));

  program
    .command('status')
    .description('worker state, scheduled jobs, totals and run metrics')
    .addOption(jsonOption())
    .option('--check', 'one line and exit 0 ok, 1 warning, 2 critical (overdue job, failed last run, stale lease, batch open over 24 h, no database)')
    .addHelpText('after', '\nExamples:\n  $ issuetrack status\n  $ issuetrack status --json | jq .worker.status\n  $ issuetrack status --check || echo "needs attention"')
    .action(async (...args: unknown[]) => {
      const options = (args[args.length - 1] as Command).optsWithGlobals();
      if (options.check) return (await import('./commands/status-check.js')).statusCheckCommand(options, ctx);
      return withDeps(ctx, async () => (await import('./commands/status.js')).statusCommand, { kysely: false, readOnly: true, allowMissing: true })(...args);
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
    .action(withDeps(ctx, async () => (await import('./commands/issues.js')).issuesCommand, { readOnly: true, verify: true }));
  issues
    .command('show <id>')
    .description('one theme whole: description, timeline, sample tickets')
    .addOption(jsonOption())
    .action(withDeps(ctx, async () => (await import('./commands/issues.js')).issuesShowCommand, { readOnly: true, verify: true }));

  program
    .command('report')
    .description('a report of top, rising and new themes, fit to mail from cron')
    .addOption(new Option('--format <f>', 'md or html').argParser(oneOf(['md', 'html'] as const)).default('md'))
    .addOption(new Option('--since <window>', 'window to report, like 7d').argParser(duration).default(7 * 86_400_000, '7d'))
    .option('--out <file>', 'write to FILE instead of stdout')
    .addHelpText('after', '\nExamples:\n  $ issuetrack report --format html --out weekly.html')
    .action(withDeps(ctx, async () => (await import('./commands/report.js')).reportCommand, { readOnly: true, verify: true }));

  program
    .command('export <what>')
    .description('export tickets or issues as JSON lines or CSV')
    .addOption(new Option('--format <f>', 'jsonl or csv').argParser(oneOf(['jsonl', 'csv'] as const)).default('jsonl'))
    .option('--out <file>', 'write to FILE instead of stdout')
    .addHelpText('after', '\nExamples:\n  $ issuetrack export tickets --format csv --out tickets.csv\n  $ issuetrack export issues | jq -c .title')
    .action(withDeps(ctx, async () => (await import('./commands/export.js')).exportCommand, { readOnly: true, verify: true }));

  program
    .command('logs')
    .description('read or follow the run log: every run\'s start and end, refusals and failures')
    .option('-f, --follow', 'print new lines as they are written, until Ctrl-C')
    .option('--run <id>', 'only this run')
    .option('--task <task>', 'only this task (sync, analyze, trends, pipeline)')
    .addOption(new Option('--since <window>', 'only the last 1h, 24h, 7d, …').argParser(duration))
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
  $ issuetrack logs -f --task pipeline
  $ issuetrack logs --run r_20261130T020000Z_1a2b3c
  $ issuetrack logs --json | jq '.entries[] | select(.event == "run_end") | .duration_ms'`,
    )
    .action(async (...args: unknown[]) => {
      const options = (args[args.length - 1] as Command).optsWithGlobals();
      await (await import('./commands/logs.js')).logsCommand(options, ctx);
    });

  const schedule = program
    .command('schedule')
    .description('print, install or uninstall the crontab lines or systemd units for the scheduled jobs')
    .option('--cron', 'crontab lines (default)')
    .option('--systemd', 'systemd service and timer units')
    .option('--install', 'install them for the current user (crontab, or ~/.config/systemd/user and enable the timers)')
    .option('--uninstall', 'remove exactly what the last --install put in place')
    // Not --env-file: Node 20 takes that flag for itself wherever it stands on the command line.
    .option('--secrets-file <file>', 'a 0600 file of KEY=value lines with the credentials the jobs need')
    .addHelpText(
      'after',
      `
Jobs: pipeline daily at 02:00 and trends hourly at :30 unless changed with \`schedule set\`; the
schedules live in the database, and status, GET /api/tasks/scheduler/status and --install all
read them. Times are this machine's time zone (shown). Paths are absolute, so cron's bare PATH
and nvm do not matter; a run that finds another one working exits 75. A secrets file that is
missing or readable by group or others is refused (exit 78); an install whose timers cannot be
enabled exits 1.

Examples:
  $ issuetrack schedule --cron                          print crontab lines
  $ issuetrack schedule --cron --secrets-file ~/.config/issuetrack/env --install
  $ issuetrack schedule --systemd --secrets-file ~/.config/issuetrack/env --install
  $ issuetrack schedule --cron --uninstall
  $ issuetrack schedule set pipeline "0 */6 * * *"      every 6 hours`,
    )
    .action(withDeps(ctx, async () => (await import('./commands/schedule.js')).scheduleCommand, { kysely: false }));
  schedule
    .command('set <job> [cron]')
    .description('change when a job runs: a five-field cron expression, --every, or --default')
    .option('--every <interval>', 'every N minutes, hours or a day: 30m, 6h, 1d')
    .option('--default', 'back to the job\'s default schedule')
    .addHelpText(
      'after',
      `
Examples (the source service's guide):
  $ issuetrack schedule set pipeline "0 2 * * *"        daily at 02:00
  $ issuetrack schedule set pipeline "0 */6 * * *"      every 6 hours
  $ issuetrack schedule set pipeline "0 9 * * 1"        Mondays at 09:00
  $ issuetrack schedule set trends "0 * * * *"          hourly
  $ issuetrack schedule set trends --every 30m          every 30 minutes
  $ issuetrack schedule set pipeline --default`,
    )
    .action(withDeps(ctx, async () => (await import('./commands/schedule-set.js')).scheduleSetCommand, { kysely: false }));
  schedule
    .command('enable <job>')
    .description('run a disabled job again on its schedule')
    .addHelpText('after', '\nExamples:\n  $ issuetrack schedule enable trends')
    .action(withDeps(ctx, async () => (await import('./commands/schedule-set.js')).scheduleToggleCommand(true), { kysely: false }));
  schedule
    .command('disable <job>')
    .description('stop running a job (kept in the database; --install then leaves it out)')
    .addHelpText('after', '\nExamples:\n  $ issuetrack schedule disable trends && issuetrack schedule --cron --install')
    .action(withDeps(ctx, async () => (await import('./commands/schedule-set.js')).scheduleToggleCommand(false), { kysely: false }));

  program
    .command('serve')
    .description('REST API over the same tasks and state (loopback only unless ISSUETRACK_API_TOKEN is set)')
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .addOption(new Option('--port <n>', 'port (8000, as the FastAPI service it replaces)').argParser(integerIn(0, 65535)).default(8000))
    .addHelpText(
      'after',
      `
The source service's routes answer as it documented them: GET /health, GET
/api/tasks/worker/status and /api/tasks/scheduler/status, POST /api/tasks/sync|analyze|pipeline
(200 with the run id; 400 {"detail": "Task already running", ...} while a run holds the lease).
Docs and a console at /docs (OpenAPI from the route schemas, no internet needed). Another address
than loopback needs ISSUETRACK_API_TOKEN, which every route but /health, /api/health and /docs
then wants as "Authorization: Bearer <token>". SIGINT/SIGTERM cancel the runs it started and stop it.

Examples:
  $ issuetrack serve
  $ ISSUETRACK_API_TOKEN=... issuetrack serve --host 0.0.0.0
  $ curl -X POST localhost:8000/api/tasks/sync -H 'content-type: application/json' -d '{"backfill_days": 7}'
  $ watch -n 5 curl -s localhost:8000/api/tasks/worker/status`,
    )
    .action(withDeps(ctx, async () => (await import('./commands/serve.js')).serveCommand));

  program
    .command('doctor')
    .description('check configuration, database and credentials')
    .addOption(jsonOption())
    .addHelpText('after', '\nExamples:\n  $ issuetrack doctor')
    .action(async (...args: unknown[]) => {
      const options = (args[args.length - 1] as Command).optsWithGlobals();
      await (await import('./commands/doctor.js')).doctorCommand(options, ctx);
    });

  program
    .command('demo')
    .description('run the whole flow against local stand-ins of Zendesk and Claude, with sample data')
    .addOption(jsonOption())
    .addHelpText(
      'after',
      `
Syncs a made-up inbox of about 400 tickets from a Zendesk stand-in, analyses it with a Claude
stand-in (both on 127.0.0.1, started and stopped by the demo), groups the issues into themes and
shows them. No network, no credentials: your configuration and database are not used. The
database goes to a new temp folder unless --db names one (a file with other tickets is refused).

Examples:
  $ issuetrack demo
  $ issuetrack demo --db demo.db && issuetrack issues --rising --db demo.db
  $ issuetrack demo --json | jq '.themes[] | [.title, .count, .rising]'`,
    )
    .action(async (...args: unknown[]) => {
      const options = (args[args.length - 1] as Command).optsWithGlobals();
      await (await import('./commands/demo.js')).demoCommand(options, ctx);
    });

  program
    .command('completion')
    .description('print a completion script for bash, zsh or fish (every command, option and job name)')
    .addArgument(new Argument('<shell>', 'bash, zsh or fish').choices(['bash', 'zsh', 'fish']))
    .addHelpText(
      'after',
      `
The script is made from this issuetrack's own commands when it runs, so after an upgrade the
eval lines below pick up new commands by themselves (a saved fish file needs writing again).

Examples:
  $ echo 'eval "$(issuetrack completion bash)"' >> ~/.bashrc
  $ echo 'source <(issuetrack completion zsh)' >> ~/.zshrc          after compinit
  $ issuetrack completion fish > ~/.config/fish/completions/issuetrack.fish`,
    )
    .action(async (shell: 'bash' | 'zsh' | 'fish') => {
      await (await import('./commands/completion.js')).completionCommand(shell, program, ctx.term);
    });

  return program;
}

