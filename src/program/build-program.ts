import { Command } from 'commander';
import type { ProcessContext } from '../process-context.js';
import { versionLine } from '../version.js';
import { registerAlertsCommands } from './alerts-commands.js';
import { registerDbCommands } from './db-commands.js';
import { registerReadCommands } from './read-commands.js';
import { registerScheduleCommands } from './schedule-commands.js';
import { registerServiceCommands } from './service-commands.js';
import { registerTaskCommands } from './task-commands.js';

/**
 * The commander program: the global options, then every command with its options, help text and
 * examples, registered per area (the order here is the order `--help` lists them). The process
 * itself (signals, the catch that maps errors to exit codes, exit) belongs to cli.ts.
 */

/** Builds the program; parse errors surface as CommanderError (exitOverride). */
export function buildProgram(ctx: ProcessContext): Command {
  const program = new Command('issuetrack')
    .description('Turn Zendesk support tickets into a ranked, living list of product problems.')
    .version(versionLine(), '-V, --version', 'print the version and the database schema version')
    .option('--db <path>', 'SQLite database (path, file: or sqlite: URL) or PostgreSQL URL (postgresql://user:pass@host/db); env ISSUETRACK_DB or DATABASE_URL')
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
  registerTaskCommands(program, ctx);
  registerAlertsCommands(program, ctx);
  registerReadCommands(program, ctx);
  registerScheduleCommands(program, ctx);
  registerServiceCommands(program, ctx);
  registerDbCommands(program, ctx);
  return program;
}
