import type { Pool, PoolClient } from 'pg';
import { pgTransaction } from '../store/postgres/pg-transaction.js';
import { commentText } from './html-text.js';
import { REFETCH_PREFIX, refetchKey, STATE_EVENTS_ORIGIN, STATE_EVENTS_START, type EventsPageInput, type EventsPageOutcome, type EventWriter } from './comment-event-writer.js';
import { insertComments, upsertUsers } from './postgres-ticket-writer.js';

const SET_STATE = 'INSERT INTO sync_state (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value';

/**
 * comment-event-writer.ts's writes on PostgreSQL, with the same contract (see there for when a
 * stored conversation is complete): a page in one transaction, each kind of row in one
 * multi-row statement. strftime('%s', created_at) is extract(epoch …) here.
 */
export class PostgresCommentEventWriter implements EventWriter {
  readonly #pool: Pool;
  /** Tickets that may complete, by generated_timestamp; read by the first page (see candidatesBefore). */
  #stale: { ids: number[]; gts: number[] } | undefined;
  #next = 0;

  constructor(pool: Pool) {
    this.#pool = pool;
  }

  async unknownUsers(ids: readonly number[]): Promise<number[]> {
    if (ids.length === 0) return [];
    const { rows } = await this.#pool.query<{ id: number }>('SELECT id FROM users WHERE id = ANY($1::bigint[])', [ids]);
    const known = new Set(rows.map((r) => r.id));
    return ids.filter((id) => !known.has(id));
  }

  async restart(startTime: number): Promise<void> {
    await pgTransaction(this.#pool, async (client) => {
      await client.query(SET_STATE, [STATE_EVENTS_START, String(startTime)]);
      await client.query(SET_STATE, [STATE_EVENTS_ORIGIN, String(startTime)]);
    });
  }

  async applyPage(input: EventsPageInput): Promise<EventsPageOutcome> {
    let next = this.#next;
    const outcome = await pgTransaction(this.#pool, async (client) => {
      await upsertUsers(client, input.users);
      const ticketIds = [...new Set(input.comments.map((c) => c.ticketId))];
      const { rows } = await client.query<{ id: number; deleted: number }>('SELECT id, deleted FROM tickets WHERE id = ANY($1::bigint[])', [ticketIds]);
      const deleted = new Map(rows.map((r) => [r.id, r.deleted]));
      const refetch = new Set<string>(input.redacted.map(refetchKey));
      const live: unknown[][] = [];
      const touched = new Set<number>();
      for (const { ticketId, comment: m } of input.comments) {
        const state = deleted.get(ticketId);
        if (state === undefined) refetch.add(refetchKey(ticketId)); // the ticket comes later, with comments the stream has passed
        if (state !== 0) continue; // unknown, or deleted: Zendesk no longer serves its conversation; nor do we
        live.push([m.id, ticketId, m.author_id ?? null, m.public === false ? 0 : 1, commentText(m), m.created_at ?? '']);
        touched.add(ticketId);
      }
      if (refetch.size) await client.query(`INSERT INTO sync_state (key, value) SELECT unnest($1::text[]), '' ON CONFLICT (key) DO NOTHING`, [[...refetch]]);
      // DO NOTHING: a stored comment is never overwritten by what the stream carries.
      const comments = await insertComments(client, live, 'DO NOTHING');
      // One UPDATE for the tickets the page touched (recounted) and those it completes (recounted
      // and marked current): a ticket in both is written once, where a statement each wrote it
      // twice, and every write of a tickets row also writes its index entries. The conditions of
      // completion are checked here, for the candidates only ($4): not every stale ticket again,
      // each by its primary key in a subquery of its own. As a plain WHERE, a tickets table not yet
      // analyzed (a first sync: autovacuum has not run) took `deleted = 0` for selective and
      // walked tickets_deleted, every row, instead (seen with auto_explain).
      const candidates = await this.#candidatesBefore(client, input.position);
      next = this.#next + candidates.length;
      const { rows: updated } = await client.query<{ complete: boolean }>(
        `UPDATE tickets SET comment_count = (SELECT count(*) FROM comments c WHERE c.ticket_id = tickets.id),
           comments_synced_gts = CASE WHEN u.complete THEN tickets.generated_timestamp ELSE tickets.comments_synced_gts END
         FROM (
           SELECT id, bool_or(complete) AS complete FROM (
             SELECT unnest($3::bigint[]) AS id, false AS complete
             UNION ALL
             SELECT c.id, true FROM unnest($4::bigint[]) AS c(id)
             WHERE (SELECT deleted = 0 AND (comments_synced_gts IS NULL OR comments_synced_gts <> generated_timestamp)
                       AND generated_timestamp < $1
                       AND (comments_synced_gts >= 0 OR (comments_synced_gts IS NULL AND extract(epoch FROM created_at::timestamptz) >= $2))
                     FROM tickets t WHERE t.id = c.id)
               AND NOT EXISTS (SELECT 1 FROM sync_state s WHERE s.key = '${REFETCH_PREFIX}' || c.id)
           ) AS candidates GROUP BY id
         ) AS u
         WHERE tickets.id = u.id
         RETURNING u.complete`,
        [input.position, input.origin, [...touched], candidates],
      );
      await client.query(SET_STATE, [STATE_EVENTS_START, String(input.position)]);
      return { comments, conversations: updated.filter((r) => r.complete).length };
    });
    this.#next = next; // only once the page is committed: a page rolled back offers its candidates again
    return outcome;
  }

  /*
   * Which stale tickets a page at `position` may complete, each offered once. The first page reads
   * every stale ticket with its generated_timestamp (one scan, where each page's UPDATE scanned
   * them all again: ~60% of its time, measured with auto_explain); each page then offers those
   * whose timestamp fell below its position since the page before. Offering each once loses
   * none: within the phase the stale set only shrinks, a ticket's timestamp, deleted flag and
   * comments_synced_gts stay as they are until it completes, and refetch rows are only added, so
   * a ticket that failed the conditions once fails them on every later page. The UPDATE checks
   * every condition itself; a ticket missed here would only stay stale and be fetched whole.
   */
  async #candidatesBefore(client: PoolClient, position: number): Promise<number[]> {
    if (!this.#stale) {
      const { rows } = await client.query<{ id: number; gts: number }>(
        `SELECT id, generated_timestamp AS gts FROM tickets
         WHERE deleted = 0 AND (comments_synced_gts IS NULL OR comments_synced_gts <> generated_timestamp)
         ORDER BY generated_timestamp`,
      );
      this.#stale = { ids: rows.map((r) => r.id), gts: rows.map((r) => r.gts) };
    }
    const { ids, gts } = this.#stale;
    let end = this.#next;
    while (end < ids.length && gts[end]! < position) end++;
    return ids.slice(this.#next, end);
  }
}
