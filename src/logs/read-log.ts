import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { ConfigError } from '../errors.js';
import { logFiles } from '../output/log-file.js';
import { sleep } from '../sleep.js';
import { matches, parseEntry, type LogFilter, type ReadEntry } from './log-entries.js';

/** Every entry of the log and its rotated files, oldest first, that passes `filter`. Read-only; [] when there is no log. */
export function readLog(path: string, filter: LogFilter): ReadEntry[] {
  const out: ReadEntry[] = [];
  for (const file of logFiles(path)) {
    if (!existsSync(file)) continue;
    for (const line of readLogFile(file).split('\n')) {
      const entry = parseEntry(line);
      if (entry && matches(entry, filter)) out.push(entry);
    }
  }
  return out;
}

/**
 * Calls `onEntry` for each entry appended to the log after now, until `signal` aborts (then
 * resolves). Polls the size twice a second; a file that shrank was rotated and is read from its
 * start. Read-only.
 */
export async function followLog(path: string, filter: LogFilter, onEntry: (entry: ReadEntry) => void, signal: AbortSignal): Promise<void> {
  if (existsSync(path)) checkLogFile(path);
  let offset = existsSync(path) ? statSync(path).size : 0;
  let partial = '';
  while (!signal.aborted) {
    const size = existsSync(path) ? statSync(path).size : 0;
    if (size < offset) {
      offset = 0;
      partial = '';
    }
    if (size > offset) {
      const fd = openSync(path, 'r');
      try {
        const buffer = Buffer.alloc(size - offset);
        readSync(fd, buffer, 0, buffer.length, offset);
        offset = size;
        const lines = (partial + buffer.toString('utf8')).split('\n');
        partial = lines.pop() ?? '';
        for (const line of lines) {
          const entry = parseEntry(line);
          if (entry && matches(entry, filter)) onEntry(entry);
        }
      } finally {
        closeSync(fd);
      }
    }
    try {
      await sleep(500, signal);
    } catch {
      return;
    }
  }
}

/**
 * One log file's text. A path the operator set wrong (ISSUETRACK_LOG_FILE naming a folder, a file
 * this user may not read) is a configuration error (78) with the reason, not a crash.
 */
function readLogFile(file: string): string {
  return asConfigError(file, () => {
    assertFile(file);
    return readFileSync(file, 'utf8');
  });
}

/** Refuses, as readLogFile would, a log that `-f` could never read, before it starts waiting. */
function checkLogFile(file: string): void {
  asConfigError(file, () => {
    assertFile(file);
    closeSync(openSync(file, 'r'));
  });
}

function assertFile(file: string): void {
  if (!statSync(file).isFile()) throw new ConfigError(`the run log ${file} is not a file (check ISSUETRACK_LOG_FILE)`);
}

function asConfigError<T>(file: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(`cannot read the run log ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}; check ISSUETRACK_LOG_FILE)`);
  }
}
