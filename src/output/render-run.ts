import type { TaskOutcome } from '../worker/run-task.js';
import type { Terminal } from './terminal.js';

/**
 * Shows a finished task run, then rethrows its error (the CLI maps it to the exit code).
 * --json: the run record, one object on stdout, even when the run failed.
 * Otherwise the one-line summary goes to stderr, and only when a person is watching (stderr
 * is a TTY) or --verbose asked for it: a cron run that succeeds prints nothing.
 */
export function renderRun<R>(
  term: Terminal,
  outcome: TaskOutcome<R>,
  opts: { json?: boolean; verbose?: boolean },
  summarise: (result: R) => string,
): void {
  if (opts.json) {
    term.stdout.write(JSON.stringify(outcome.record) + '\n');
  } else if (!outcome.error && outcome.record.result && (term.stderrIsTTY || opts.verbose)) {
    term.stderr.write(`${outcome.record.task}: ${summarise(outcome.record.result)} (${outcome.record.duration_ms} ms)\n`);
  }
  if (outcome.error) throw outcome.error;
}
