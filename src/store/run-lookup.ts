import type BetterSqlite3 from 'better-sqlite3';
import type { RunsTable } from './schema-core.js';

/** The stored result counts of run `runId`, or null (no such run, no result yet). Read-only. */
export function readRunResult(sqlite: BetterSqlite3.Database, runId: string): Record<string, unknown> | null {
  const row = sqlite.prepare('SELECT result FROM runs WHERE id = ?').get(runId) as { result: string | null } | undefined;
  return parseStoredObject(row?.result ?? null);
}

/** Stored JSON, or null when absent; a row that is not a JSON object (never written by us) reads as null. */
export function parseStoredObject(text: string | null): Record<string, unknown> | null {
  if (text === null) return null;
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The newest completed run of `task`, or undefined. Read-only; uses the (task, started_at) index. */
export function readLastSuccess(sqlite: BetterSqlite3.Database, task: string): RunsTable | undefined {
  return sqlite
    .prepare(`SELECT * FROM runs WHERE task = ? AND status = 'completed' ORDER BY started_at DESC LIMIT 1`)
    .get(task) as RunsTable | undefined;
}
