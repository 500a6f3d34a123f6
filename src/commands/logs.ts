import { loadConfig, type GlobalOptions } from '../build-deps.js';
import type { LogLevel } from '../output/log-file.js';
import type { ProcessContext } from '../process-context.js';
import { formatEntry, type LogFilter, type ReadEntry } from '../logs/log-entries.js';
import { followLog, readLog } from '../logs/read-log.js';
import { terminalSafe } from '../output/terminal-text.js';
import { windowLabel } from '../report/theme-format.js';

export interface LogsOptions extends GlobalOptions {
  follow?: boolean;
  run?: string;
  task?: string;
  /** Milliseconds back from now. */
  since?: number;
  level?: LogLevel;
}

/**
 * `issuetrack logs`: the run log, filtered, for people or as JSON; `-f` follows it until Ctrl-C
 * (exit 130, as `tail -f`). Read-only.
 */
export async function logsCommand(opts: LogsOptions, ctx: ProcessContext): Promise<void> {
  const config = loadConfig(opts, ctx.term);
  const filter: LogFilter = {
    runId: opts.run,
    task: opts.task,
    level: opts.level,
    since: opts.since ? new Date(Date.now() - opts.since).toISOString() : undefined,
  };
  const entries = readLog(config.logPath, filter);
  const print = (entry: ReadEntry) => ctx.term.stdout.write((opts.json ? JSON.stringify(entry) : formatEntry(entry)) + '\n');
  if (!opts.follow) {
    if (opts.json) ctx.term.stdout.write(JSON.stringify({ log_file: config.logPath, entries }) + '\n');
    else entries.forEach(print);
    // A person who typed a run id or filter that matches nothing sees why the screen stayed empty
    // (as journalctl's "-- No entries --"); stdout stays empty for scripts, and the exit stays 0.
    if (!opts.json && !entries.length) ctx.term.stderr.write(`issuetrack: no entries${describeFilter(opts)} in ${terminalSafe(config.logPath)}\n`);
    return;
  }
  // Following streams: with --json, one object per line (JSON lines), as the file itself holds them.
  entries.forEach(print);
  await followLog(config.logPath, filter, print, ctx.signal);
  throw ctx.signal.reason;
}

/** The filters given, as the user typed them: ` for --run r_1 --level warn`, or nothing. */
function describeFilter(opts: LogsOptions): string {
  const given = [
    opts.run !== undefined && `--run ${terminalSafe(opts.run)}`,
    opts.task !== undefined && `--task ${opts.task}`,
    opts.level !== undefined && `--level ${opts.level}`,
    opts.since !== undefined && `--since ${windowLabel(opts.since)}`,
  ].filter(Boolean);
  return given.length ? ` for ${given.join(' ')}` : '';
}
