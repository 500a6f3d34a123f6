import { buildDeps } from './build-deps.js';
import { showStatus, statusCommand } from './commands/status.js';
import { buildStatusReport } from './worker/status-report.js';
import { reportError } from './output/report-error.js';
import { directTerminal, trackStdout } from './output/terminal.js';
import type { FastStatusArgs } from './fast-status-args.js';

/**
 * `status` without the rest of the CLI: bin/issuetrack sends the plain status calls here (see
 * fast-status-args.ts), built as one CommonJS file (dist/fast/status.cjs) because status is what
 * monitors, prompts and people run all day, and the ESM loader, commander and the chunk graph
 * cost more than the work itself (bench/status-cold-start.mjs). Same output, errors and exit
 * codes as the full CLI, which tests check through bin/issuetrack.
 */
export function runStatus(args: FastStatusArgs): void {
  const direct = directTerminal(); // no stream is built for the few lines status writes
  const term = trackStdout(direct);
  const run = async (): Promise<number> => {
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
  };
  void run().then((code) => direct.exit(code));
}
