import { buildDeps, type GlobalOptions } from '../build-deps.js';
import { CheckStatusError } from '../errors.js';
import type { ProcessContext } from '../process-context.js';
import type { Terminal } from '../output/terminal.js';
import { judgeHealth, noDatabase, type HealthCheck } from '../worker/health-check.js';
import { buildStatusReport } from '../worker/status-report.js';

/**
 * `issuetrack status --check`: one line and exit 0 ok, 1 warning, 2 critical, for Nagios-style
 * monitors and CI. A missing database is critical, and is not created. Read-only.
 */
export async function statusCheckCommand(opts: GlobalOptions, ctx: ProcessContext): Promise<void> {
  // Opened as `status` opens it: never created, migrated or written, on SQLite or PostgreSQL (a
  // probe pointed at an empty PostgreSQL database must say so, not create the tables and say OK).
  const { deps, close } = await buildDeps(opts, ctx.term, ctx.signal, { readOnly: true, allowMissing: true });
  try {
    if (!deps.store.exists) return finish(noDatabase(deps.store.path), opts, ctx.term);
    finish(judgeHealth(await buildStatusReport(deps), deps.clock.now()), opts, ctx.term);
  } finally {
    await close();
  }
}

function finish(check: HealthCheck, opts: GlobalOptions, term: Terminal): void {
  term.stdout.write((opts.json ? JSON.stringify(check) : check.line) + '\n');
  if (check.exit_code !== 0) throw new CheckStatusError(check.line, check.exit_code);
}
