import { buildDeps, type GlobalOptions } from '../build-deps.js';
import { CheckStatusError, InterruptedError, oneLineMessage } from '../errors.js';
import type { ProcessContext } from '../process-context.js';
import type { Terminal } from '../output/terminal.js';
import { cannotRead, judgeHealth, noDatabase, type HealthCheck } from '../worker/health-check.js';
import { buildStatusReport } from '../worker/status-report.js';

/**
 * `issuetrack status --check`: one line and exit 0 ok, 1 warning, 2 critical, for Nagios-style
 * monitors and CI. A missing database is critical, and is not created; so is one that cannot be
 * read. Read-only.
 */
export async function statusCheckCommand(opts: GlobalOptions, ctx: ProcessContext): Promise<void> {
  let check: HealthCheck;
  try {
    check = await judge(opts, ctx);
  } catch (error) {
    // Nagios reads any other exit code as UNKNOWN ("the plugin could not tell"), but a database
    // the check cannot open, reach or log into is exactly what it must report. Only an
    // interruption (130/143: someone stopped the check itself) keeps its own code; a bad option
    // never gets here (64, commander's).
    if (error instanceof InterruptedError) throw error;
    check = cannotRead(oneLineMessage(error));
  }
  finish(check, opts, ctx.term);
}

async function judge(opts: GlobalOptions, ctx: ProcessContext): Promise<HealthCheck> {
  // Opened as `status` opens it: never created, migrated or written, on SQLite or PostgreSQL (a
  // probe pointed at an empty PostgreSQL database must say so, not create the tables and say OK).
  const { deps, close } = await buildDeps(opts, ctx.term, ctx.signal, { readOnly: true, allowMissing: true });
  try {
    if (!deps.store.exists) return noDatabase(deps.store.path);
    return judgeHealth(await buildStatusReport(deps), deps.clock.now());
  } finally {
    await close();
  }
}

function finish(check: HealthCheck, opts: GlobalOptions, term: Terminal): void {
  term.stdout.write((opts.json ? JSON.stringify(check) : check.line) + '\n');
  if (check.exit_code !== 0) throw new CheckStatusError(check.line, check.exit_code);
}
