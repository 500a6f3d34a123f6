import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Reporter } from './reporter.js';

/**
 * The run log: JSON lines in one file ($XDG_STATE_HOME/issuetrack/issuetrack.log, or
 * ISSUETRACK_LOG_FILE), the one writer of it. Every line carries `time`, `level`, `event`,
 * `run_id` and `task` (null outside a run), so `grep r_2026…` or `issuetrack logs --run` finds a
 * run whole. Size-capped: past `maxBytes` the file becomes `.1` (`.1` becomes `.2`, …) and the
 * oldest beyond `keep` is deleted, so years of cron never fill a disk. A log that cannot be
 * written never fails a run: the first failure is reported once (`onError`) and each later line
 * tries again, so a passing fault (another process rotating the file under this one, a full disk
 * that was cleared) costs only the lines written during it.
 */

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface LogEntry {
  level: LogLevel;
  event: string;
  run_id: string | null;
  task: string | null;
  message?: string | null;
  [field: string]: unknown;
}

export interface RunLog {
  /** Appends one line if `entry.level` is at or above the log's level. Never throws. */
  write(entry: LogEntry): void;
}

export interface RunLogOptions {
  level: LogLevel;
  maxBytes: number;
  /** Rotated files kept besides the live one. */
  keep: number;
  now: () => number;
  /** Told once, on the first line that could not be written (the path and the system's reason). */
  onError?: (message: string) => void;
}

export const DEFAULT_LOG_MAX_BYTES = 5 * 1024 * 1024;
export const DEFAULT_LOG_KEEP = 3;

/** A RunLog appending to `path`. Creates the folder (0700) and file (0600) on first write. */
export function fileRunLog(path: string, opts: RunLogOptions): RunLog {
  const threshold = LOG_LEVELS.indexOf(opts.level);
  let reported = false;
  let ready = false;
  return {
    write(entry) {
      if (LOG_LEVELS.indexOf(entry.level) < threshold) return;
      try {
        if (!ready) {
          mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
          ready = true;
        }
        const { level, event, run_id, task, ...rest } = entry;
        const line = JSON.stringify({ time: new Date(opts.now()).toISOString(), level, event, run_id, task, ...rest }) + '\n';
        rotateIfFull(path, Buffer.byteLength(line), opts);
        appendFileSync(path, line, { mode: 0o600 });
      } catch (error) {
        ready = false; // the folder may be gone too: make it again next time
        if (!reported) {
          reported = true;
          opts.onError?.(`cannot write the run log ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); runs go on without it`);
        }
      }
    },
  };
}

/** The file names oldest first: path.keep … path.1, path. */
export function logFiles(path: string, keep = DEFAULT_LOG_KEEP): string[] {
  return [...Array.from({ length: keep }, (_, i) => `${path}.${keep - i}`), path];
}

function rotateIfFull(path: string, adding: number, opts: RunLogOptions): void {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    return; // no file yet
  }
  if (size === 0 || size + adding <= opts.maxBytes) return;
  rmSync(`${path}.${opts.keep}`, { force: true });
  for (let i = opts.keep - 1; i >= 1; i--) {
    try {
      renameSync(`${path}.${i}`, `${path}.${i + 1}`);
    } catch {
      // that generation does not exist yet
    }
  }
  renameSync(path, `${path}.1`);
}

/**
 * A Reporter that writes to the run log with the run's id and task on every line. Progress is
 * `debug` (kept only with ISSUETRACK_LOG_LEVEL=debug) and thinned to one line a second.
 */
export function logReporter(log: RunLog, context: { run_id: string | null; task: string | null }, now: () => number): Reporter {
  let lastProgressAt = 0;
  return {
    progress(update) {
      const t = now();
      if (t - lastProgressAt < 1000) return;
      lastProgressAt = t;
      log.write({ level: 'debug', event: 'progress', ...context, ...update });
    },
    info: (message) => log.write({ level: 'info', event: 'message', ...context, message }),
    warn: (message) => log.write({ level: 'warn', event: 'warning', ...context, message }),
    stop() {},
  };
}

/** A RunLog that drops everything (tests, and commands that must not write). */
export const noRunLog: RunLog = { write() {} };

const logged = new WeakSet<object>();

/** Marks an error as already in the run log (a run's end or refusal line), so the CLI's catch does not log it twice. */
export function markLogged(error: unknown): void {
  if (error && typeof error === 'object') logged.add(error);
}

/** Whether `markLogged` saw this error. */
export function isLogged(error: unknown): boolean {
  return Boolean(error && typeof error === 'object' && logged.has(error));
}
