import type { Command } from 'commander';
import type { ProcessContext } from '../process-context.js';
import { optionsOf, withDeps } from './actions.js';

/** `schedule` (print, install, uninstall) and `schedule set|enable|disable`. */
export function registerScheduleCommands(program: Command, ctx: ProcessContext): void {
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
read them. Printing only reads: it never creates or changes a database (none yet: the default
schedules). Times are this machine's time zone (shown). Paths are absolute, so cron's bare PATH
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
    .action((...args: unknown[]) => {
      const options = optionsOf(args);
      // Printing only reads the schedules: it must not create a database (a typo in --db, a new
      // machine) nor switch one to WAL. A missing database prints the default schedules.
      const writes = Boolean(options.install || options.uninstall);
      const deps = writes ? { kysely: false } : { kysely: false, readOnly: true, allowMissing: true, allowMissingDefaultFolder: true };
      return withDeps(ctx, async () => (await import('../commands/schedule.js')).scheduleCommand, deps)(...args);
    });
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
    .action(withDeps(ctx, async () => (await import('../commands/schedule-set.js')).scheduleSetCommand, { kysely: false }));
  schedule
    .command('enable <job>')
    .description('run a disabled job again on its schedule')
    .addHelpText('after', '\nExamples:\n  $ issuetrack schedule enable trends')
    .action(withDeps(ctx, async () => (await import('../commands/schedule-set.js')).scheduleToggleCommand(true), { kysely: false }));
  schedule
    .command('disable <job>')
    .description('stop running a job (kept in the database; --install then leaves it out)')
    .addHelpText('after', '\nExamples:\n  $ issuetrack schedule disable trends && issuetrack schedule --cron --install')
    .action(withDeps(ctx, async () => (await import('../commands/schedule-set.js')).scheduleToggleCommand(false), { kysely: false }));
}
