/*
 * The sync_state keys saying where each export of `sync` stands and which tickets must be fetched
 * whole: written by the sync writers in the transaction of the page they belong to, read by
 * sync-queries.ts. (The skipped tickets' key lives with its format, in skipped-tickets.ts.)
 */

export const STATE_CURSOR = 'tickets.export_cursor';
export const STATE_START_TIME = 'tickets.export_start_time';
export const STATE_WATERMARK = 'tickets.watermark';

export const STATE_EVENTS_START = 'comment_events.start_time';
export const STATE_EVENTS_ORIGIN = 'comment_events.origin';
export const REFETCH_PREFIX = 'comment_events.refetch.';

/** The sync_state key saying ticket `id` must be fetched whole. */
export function refetchKey(ticketId: number): string {
  return `${REFETCH_PREFIX}${ticketId}`;
}
