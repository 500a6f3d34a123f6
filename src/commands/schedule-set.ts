import type { GlobalOptions } from '../build-deps.js';
import type { Deps } from '../deps.js';
import { UsageError } from '../errors.js';
import type { Terminal } from '../output/terminal.js';
import { readJobStatuses } from '../schedule/job-status.js';
import { cronFromEvery, cronFromInput, knownJob } from '../schedule/schedule-input.js';
import { writeScheduleRow } from '../store/schedule-queries.js';

export interface ScheduleSetOptions extends GlobalOptions {
  every?: string;
  default?: boolean;
}

/** `issuetrack schedule set JOB "CRON"` / `--every 30m` / `--default`: changes when a job runs, in the database. */
export async function scheduleSetCommand(opts: ScheduleSetOptions, deps: Deps, term: Terminal, args: string[]): Promise<void> {
  const [name, expression] = args;
  const job = knownJob(name!);
  const given = [expression !== undefined, opts.every !== undefined, Boolean(opts.default)].filter(Boolean).length;
  if (given !== 1) throw new UsageError('give one of a cron expression, --every or --default (see `issuetrack schedule set --help`)');
  const cron = opts.default ? null : opts.every !== undefined ? cronFromEvery(opts.every) : cronFromInput(expression!, deps.clock.now());
  await writeScheduleRow(deps.store, job, { cron }, new Date(deps.clock.now()).toISOString());
  await report(deps, term, job);
}

/** `issuetrack schedule enable|disable JOB`. */
export function scheduleToggleCommand(enabled: boolean) {
  return async (_opts: GlobalOptions, deps: Deps, term: Terminal, args: string[]): Promise<void> => {
    const job = knownJob(args[0]!);
    await writeScheduleRow(deps.store, job, { enabled }, new Date(deps.clock.now()).toISOString());
    await report(deps, term, job);
  };
}

/** One line on stdout saying what is now in force, and a reminder when what is installed now differs. */
async function report(deps: Deps, term: Terminal, job: string): Promise<void> {
  const status = (await readJobStatuses(deps.store, deps.clock.now())).find((j) => j.name === job)!;
  // status.next_run is what really fires: until the change is installed, that is the old schedule.
  const when = status.enabled ? (status.pending_install ? 'not installed yet' : `next run ${status.next_run}`) : status.pending_install ? 'disabled (still installed)' : 'disabled';
  term.stdout.write(`${job}: ${status.schedule} (${status.timezone}), ${when}\n`);
  if (status.pending_install) term.stderr.write(`schedule changed, run \`${status.apply_with}\` to apply\n`);
}
