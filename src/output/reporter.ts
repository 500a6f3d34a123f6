import type { ProgressUpdate } from '../worker/lease.js';
import { terminalSafe } from './terminal-text.js';

/**
 * Where a run tells people how it is going. The CLI picks one: a spinner on an interactive
 * terminal, timestamped lines with --verbose, or nothing (cron mails every line it sees).
 * Whatever is picked, the log file gets everything (see log-file.ts).
 */
export interface Reporter {
  progress(update: ProgressUpdate): void;
  /** A line for --verbose logs and the spinner's text. */
  info(message: string): void;
  /** Something unusual that did not fail the run. */
  warn(message: string): void;
  /** The run is over: stop any animation. Idempotent. */
  stop(): void;
}

export const silentReporter: Reporter = {
  progress() {},
  info() {},
  warn() {},
  stop() {},
};

/** Formats progress as one human line: "sync: tickets 1200/5000 (24%) 310/s". */
export function progressLine(update: ProgressUpdate): string {
  let line = update.phase;
  if (update.done != null) {
    line += update.total ? ` ${update.done}/${update.total} (${percentOf(update.done, update.total)}%)` : ` ${update.done}`;
  }
  if (update.message) line += ` ${update.message}`;
  return line;
}

export function percentOf(done: number, total: number): number {
  return total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : 0;
}

/** Plain timestamped lines on a stream, for --verbose and CI logs. */
export function plainReporter(write: (line: string) => void, now: () => number): Reporter {
  let last = '';
  const emit = (level: string, text: string) => write(`${new Date(now()).toISOString()} ${level} ${terminalSafe(text)}\n`);
  return {
    progress(update) {
      const line = progressLine(update);
      if (line !== last) emit('progress', line);
      last = line;
    },
    info: (message) => emit('info', message),
    warn: (message) => emit('warn', message),
    stop() {},
  };
}

/** Sends every event to each reporter in turn. */
export function teeReporter(...reporters: Reporter[]): Reporter {
  return {
    progress: (update) => reporters.forEach((r) => r.progress(update)),
    info: (message) => reporters.forEach((r) => r.info(message)),
    warn: (message) => reporters.forEach((r) => r.warn(message)),
    stop: () => reporters.forEach((r) => r.stop()),
  };
}
