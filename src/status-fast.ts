import { buildDeps } from './build-deps.js';
import { showStatus, statusCommand } from './commands/status.js';
import { buildStatusReport } from './worker/status-report.js';
import { reportError } from './output/report-error.js';
import { directTerminal, trackStdout, type Terminal } from './output/terminal.js';
import { parseFastStatusArgs, type FastStatusArgs } from './fast-status-args.js';

/**
 * `status` without the rest of the CLI, built as one CommonJS file (dist/fast/status.cjs) because
 * status is what monitors, prompts and people run all day, and the ESM loader, commander and the
 * chunk graph cost more than the work itself (bench/status-cold-start.mjs). bin/issuetrack
 * compiles this file from its code cache and asks it first whenever the arguments hold `status`:
 * the argument check lives here, in the cached code, rather than in a module of its own that
 * would be resolved and compiled at every start. Answers `args` and returns true when they are a
 * plain status call (fast-status-args.ts); returns false, having done nothing, for anything else
 * (the full program then runs them, and owns usage errors).
 */
export function runFastStatus(args: readonly string[]): boolean {
  const parsed = parseFastStatusArgs(args);
  if (!parsed) return false;
  runStatus(parsed);
  return true;
}

/**
 * Answers a plain status call: same output, errors and exit codes as the full CLI, which tests
 * check through bin/issuetrack. Ends the process.
 */
export function runStatus(args: FastStatusArgs): void {
  const direct = directTerminal(); // no stream is built for the few lines status writes
  void answerStatus(args, direct).then((code) => direct.exit(code));
}

/**
 * runFastStatus without ending the process: resolves to the exit code, or undefined when `args`
 * are not a plain status call. For build.mjs, whose code cache of this file holds what a run on
 * SQLite and one on PostgreSQL compiled, in one process (fast-status-start.ts).
 */
export function answerFastStatus(args: readonly string[]): Promise<number> | undefined {
  const parsed = parseFastStatusArgs(args);
  return parsed ? answerStatus(parsed, directTerminal()) : undefined;
}

async function answerStatus(args: FastStatusArgs, direct: Terminal): Promise<number> {
  const term = trackStdout(direct);
  try {
    // buildStatusReport starts as the store opens: on PostgreSQL with the schema check's round trip.
    const { deps, close, read } = await buildDeps(args, term, undefined, { readOnly: true, allowMissing: true }, buildStatusReport);
    try {
      await (read ? showStatus(args, read, deps, term) : statusCommand(args, deps, term));
    } finally {
      await close();
    }
    return 0;
  } catch (error) {
    return reportError(term, error, { debug: Boolean(args.debug), json: Boolean(args.json), stdoutWritten: term.stdoutWritten });
  }
}
