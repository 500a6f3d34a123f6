import { LOG_LEVELS, type LogEntry, type LogLevel } from '../output/log-file.js';
import { terminalSafe } from '../output/terminal-text.js';

/** A parsed line of the run log: what the writer wrote, with its time. */
export type ReadEntry = LogEntry & { time: string };

export interface LogFilter {
  runId?: string;
  task?: string;
  /** ISO time: entries at or after it. */
  since?: string;
  /** Lowest level shown. */
  level?: LogLevel;
}

/** One line of the log as an entry, or undefined for a line that is not one of ours (skipped, never fatal). Pure. */
export function parseEntry(line: string): ReadEntry | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const value = JSON.parse(line) as Partial<ReadEntry>;
    if (typeof value.time !== 'string' || !(LOG_LEVELS as readonly string[]).includes(value.level as string)) return undefined;
    return { event: 'message', run_id: null, task: null, ...value } as ReadEntry;
  } catch {
    return undefined;
  }
}

/** Whether `entry` passes `filter`. Pure. */
export function matches(entry: ReadEntry, filter: LogFilter): boolean {
  if (filter.runId && entry.run_id !== filter.runId) return false;
  if (filter.task && entry.task !== filter.task) return false;
  if (filter.since && entry.time < filter.since) return false;
  if (filter.level && LOG_LEVELS.indexOf(entry.level) < LOG_LEVELS.indexOf(filter.level)) return false;
  return true;
}

const SHOWN_FIRST = new Set(['time', 'level', 'event', 'run_id', 'task', 'message']);

/**
 * One entry as one line for people: time, level, run id, task, event, message, then the other
 * fields as key=value (objects as compact JSON). Terminal-safe: messages carry remote text. Pure.
 */
export function formatEntry(entry: ReadEntry): string {
  const rest = Object.entries(entry)
    .filter(([key, value]) => !SHOWN_FIRST.has(key) && value !== null && value !== undefined)
    .map(([key, value]) => `${key}=${typeof value === 'object' ? JSON.stringify(value) : String(value)}`);
  const message = entry.message ? ` ${entry.message}` : '';
  const text = `${entry.time} ${entry.level.padEnd(5)} ${entry.run_id ?? '-'} ${entry.task ?? '-'} ${entry.event}:${message}${rest.length ? ` ${rest.join(' ')}` : ''}`;
  return terminalSafe(text);
}
