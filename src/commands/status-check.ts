import { existsSync } from 'node:fs';
import { buildDeps, loadConfig, type GlobalOptions } from '../build-deps.js';
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
  const config = loadConfig(opts, ctx.term);
  if (config.database.dialect === 'sqlite' && !existsSync(config.dbPath)) return finish(noDatabase(config.dbPath), opts, ctx.term);
  const { deps, close } = await buildDeps(opts, ctx.term, ctx.signal);
  try {
    finish(judgeHealth(await buildStatusReport(deps), deps.clock.now()), opts, ctx.term);
  } finally {
    await close();
  }
}

function finish(check: HealthCheck, opts: GlobalOptions, term: Terminal): void {
  term.stdout.write((opts.json ? JSON.stringify(check) : check.line) + '\n');
  if (check.exit_code !== 0) throw new CheckStatusError(check.line, check.exit_code);
}
