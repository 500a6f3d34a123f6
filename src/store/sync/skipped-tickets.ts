import { queryOne } from '../raw-query.js';
import type { Store } from '../store.js';

/** A ticket of the export that cannot be stored as sent, and why. `id` is as sent, never made up. */
export interface SkippedTicket {
  /** The id as Zendesk sent it (JSON text, at most 64 characters), or null when there was none. */
  id: string | null;
  reason: string;
}

/**
 * sync_state key holding the tickets sync skipped because Zendesk sent them in a shape it cannot
 * store (src/zendesk/ticket-shape.ts): how many in all, and the latest few with their reasons. A
 * key of the existing sync_state table rather than a table of its own: it is written in the
 * transaction of the page it came with, and `status` reads it with one lookup.
 */
export const STATE_SKIPPED = 'tickets.skipped';
const KEEP_RECENT = 20;

export interface SkippedRecord extends SkippedTicket {
  skipped_at: string;
  run_id: string | null;
}

export interface SkippedTickets {
  total: number;
  /** Newest first, at most 20. */
  recent: SkippedRecord[];
}

/** The stored value with `skipped` added (newest first). Pure; a broken stored value counts as none. */
export function addSkipped(stored: string | undefined, skipped: readonly SkippedTicket[], at: string, runId: string | null): string {
  const before = parseSkipped(stored);
  const added = skipped.map((s) => ({ id: s.id, reason: s.reason, skipped_at: at, run_id: runId })).reverse();
  return JSON.stringify({ total: before.total + skipped.length, recent: [...added, ...before.recent].slice(0, KEEP_RECENT) });
}

/** What `status` shows. Read-only; {total: 0, recent: []} before anything was skipped. */
export async function readSkippedTickets(store: Store): Promise<SkippedTickets> {
  const row = await queryOne<{ value: string }>(store, 'SELECT value FROM sync_state WHERE key = ?', [STATE_SKIPPED]);
  return parseSkipped(row?.value);
}

function parseSkipped(stored: string | undefined): SkippedTickets {
  if (!stored) return { total: 0, recent: [] };
  try {
    const value = JSON.parse(stored) as Partial<SkippedTickets>;
    return { total: Number(value.total) || 0, recent: Array.isArray(value.recent) ? value.recent : [] };
  } catch {
    return { total: 0, recent: [] };
  }
}
