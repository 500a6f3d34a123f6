import { loadConfig, type GlobalOptions } from '../build-deps.js';
import { systemClock } from '../clock.js';
import type { Config } from '../config.js';
import { CHECKS } from '../doctor/checks.js';
import { runDoctor } from '../doctor/run-doctor.js';
import { IssuetrackError } from '../errors.js';
import { renderTable } from '../output/table.js';
import type { Terminal } from '../output/terminal.js';

export interface DoctorOptions extends GlobalOptions {
  json?: boolean;
}

/**
 * `issuetrack doctor`: runs every check and prints a pass/fail table (or one JSON object), then
 * fails with the exit code of the worst failure. Reads configuration itself, so a broken setting
 * shows as a failed check instead of stopping before the table.
 */
export async function doctorCommand(opts: DoctorOptions, ctx: { term: Terminal; signal: AbortSignal }): Promise<void> {
  let config: Config | undefined;
  let configError: unknown;
  try {
    config = loadConfig(opts, ctx.term);
  } catch (error) {
    configError = error;
  }
  const report = await runDoctor(CHECKS, { config, configError, signal: ctx.signal, clock: systemClock });
  ctx.term.stdout.write(
    opts.json ? JSON.stringify(report) + '\n' : renderTable(ctx.term, ['check', 'result', 'detail'], report.checks.map((c) => [c.name, c.status, c.detail])),
  );
  if (!report.ok) {
    const failed = report.checks.filter((c) => c.status === 'fail').map((c) => c.name);
    throw new IssuetrackError(`doctor: ${failed.join(', ')} failed`, report.exit_code);
  }
}
