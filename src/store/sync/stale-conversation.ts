/**
 * Tickets whose stored conversation lags their last change: new, changed, or left over by a run
 * that stopped. The comment-events writers complete what they can of these, and the comments
 * phase fetches the rest whole (sync-queries.ts).
 *
 * One text for both databases and every statement that asks (the Kysely reads, and the raw SQL of
 * both events writers): it must stay term for term the WHERE of the partial index
 * tickets_comments_stale (migration 0002, released, so the index cannot follow a change here).
 * SQLite considers a partial index only for a query whose WHERE has the index's terms as written,
 * literals included: a bound 0 for deleted loses it (sqlite.org/partialindex.html, "Queries Using
 * Partial Indexes"). test/store/sync/stale-conversation.test.ts holds every reader to it.
 */
export const STALE_CONVERSATION = 'deleted = 0 AND (comments_synced_gts IS NULL OR comments_synced_gts <> generated_timestamp)';
