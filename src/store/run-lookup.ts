import { queryOne } from './raw-query.js';
import type { RunsTable } from './schema-core.js';
import type { Store } from './store.js';

/** The stored result counts of run `runId`, or null (no such run, no result yet). Read-only. */
export async function readRunResult(store: Store, runId: string): Promise<Record<string, unknown> | null> {
  const row = await queryOne<{ result: string | null }>(store, 'SELECT result FROM runs WHERE id = ?', [runId]);
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
