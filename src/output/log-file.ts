import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Reporter } from './reporter.js';

/**
 * A reporter that appends JSON lines to the log file ($XDG_STATE_HOME/issuetrack/issuetrack.log).
 * Progress is thrown away unless a second has passed, so a long sync leaves a readable log.
 * A log that cannot be written never fails a run: logging stops after the first error.
 */
export function logFileReporter(path: string, context: { runId?: string; task?: string }, now: () => number): Reporter {
  let broken = false;
  let ready = false;
  let lastProgressAt = 0;
  const write = (level: string, fields: Record<string, unknown>) => {
    if (broken) return;
    try {
      if (!ready) {
        mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
        ready = true;
      }
      const line = JSON.stringify({ time: new Date(now()).toISOString(), level, ...context, ...fields });
      appendFileSync(path, line + '\n', { mode: 0o600 });
    } catch {
      broken = true;
    }
  };
  return {
    progress(update) {
      const t = now();
      if (t - lastProgressAt < 1000) return;
      lastProgressAt = t;
      write('progress', { ...update });
    },
    info: (message) => write('info', { message }),
    warn: (message) => write('warn', { message }),
    stop() {},
  };
}
