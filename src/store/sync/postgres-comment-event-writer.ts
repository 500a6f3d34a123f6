import type { Pool } from 'pg';
import { pgTransaction } from '../postgres/pg-transaction.js';
import { numbered } from '../raw-query.js';
import { STALE_CONVERSATION } from './stale-conversation.js';
import { SET_STATE } from './sync-statements.js';
import { REFETCH_PREFIX, STATE_EVENTS_ORIGIN, STATE_EVENTS_START } from './sync-state-keys.js';
import type { UserRow } from './sync-rows.js';
import type { CommentEventWriter, EventsPageInput, EventsPageOutcome } from './sync-writers.js';

/** sync-statements.ts's SET_STATE with PostgreSQL's placeholders. */
const SET_STATE_PG = numbered(SET_STATE);

/*
 * A whole events page in one statement, so in one round trip and atomically (no BEGIN and
 * COMMIT around it): the eight statements of a transaction were eight round trips a page.
 * Its parts run on one snapshot and see none of each other's writes, so each part reads what
 * an earlier statement would have written from the page's own rows instead:
 * - a comment's author role: the page's users ($1–$5) first, the stored role for the others;
 * - the refetch rows (redacted tickets, $12, and tickets not stored yet) keep those tickets
 *   from completing through refetch_ids, besides the refetch rows stored before;
 * - comment_count: the stored comments plus those this statement inserts (inserted_per_ticket).
 * The completion conditions are those of sync-writers.ts, checked for the candidates ($15)
 * only, each by its primary key in a subquery of its own (a plain WHERE on a tickets table not
 * yet analyzed, a first sync, walked tickets_deleted instead: seen with auto_explain).
 */
const APPLY_PAGE = `
  WITH page_users AS (
    SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::bigint[]) AS u(id, name, email, role, organization_id)
  ), upserted_users AS (
    INSERT INTO users (id, name, email, role, organization_id) SELECT * FROM page_users
    ON CONFLICT (id) DO UPDATE SET name = excluded.name, email = excluded.email, role = excluded.role, organization_id = excluded.organization_id
  ), page_comments AS (
    SELECT * FROM unnest($6::bigint[], $7::bigint[], $8::bigint[], $9::bigint[], $10::text[], $11::text[]) AS c(id, ticket_id, author_id, public, body, created_at)
  ), page_tickets AS (
    SELECT id, deleted FROM tickets WHERE id IN (SELECT ticket_id FROM page_comments)
  ), refetch_ids AS (
    SELECT unnest($12::bigint[]) AS id
    UNION SELECT ticket_id FROM page_comments WHERE ticket_id NOT IN (SELECT id FROM page_tickets)
  ), refetched AS (
    INSERT INTO sync_state (key, value) SELECT '${REFETCH_PREFIX}' || id, '' FROM refetch_ids ON CONFLICT (key) DO NOTHING
  ), inserted AS (
    -- DO NOTHING: a stored comment is never overwritten by what the stream carries.
    INSERT INTO comments (id, ticket_id, author_id, author_role, public, body, created_at)
    SELECT c.id, c.ticket_id, c.author_id,
      CASE WHEN pu.id IS NOT NULL THEN coalesce(pu.role, 'unknown')
           ELSE coalesce((SELECT u.role FROM users u WHERE u.id = c.author_id), 'unknown') END,
      c.public, c.body, c.created_at
    FROM page_comments c JOIN page_tickets t ON t.id = c.ticket_id AND t.deleted = 0
    LEFT JOIN page_users pu ON pu.id = c.author_id
    ON CONFLICT (id) DO NOTHING
    RETURNING ticket_id
  ), inserted_per_ticket AS (
    SELECT ticket_id, count(*) AS n FROM inserted GROUP BY ticket_id
  ), position AS (
    INSERT INTO sync_state (key, value) VALUES ('${STATE_EVENTS_START}', $16) ON CONFLICT (key) DO UPDATE SET value = excluded.value
  ), updated AS (
    -- The tickets the page touched (recounted) and those it completes (recounted and marked
    -- current), each written once.
    UPDATE tickets SET
      comment_count = (SELECT count(*) FROM comments c WHERE c.ticket_id = tickets.id) + u.inserted,
      comments_synced_gts = CASE WHEN u.complete THEN tickets.generated_timestamp ELSE tickets.comments_synced_gts END
    FROM (
      SELECT candidates.id, bool_or(complete) AS complete, coalesce(max(i.n), 0) AS inserted FROM (
        SELECT id, false AS complete FROM page_tickets WHERE deleted = 0
        UNION ALL
        SELECT c.id, true FROM unnest($15::bigint[]) AS c(id)
        WHERE (SELECT ${STALE_CONVERSATION}
                 AND generated_timestamp < $13
                 AND (comments_synced_gts >= 0 OR (comments_synced_gts IS NULL AND extract(epoch FROM created_at::timestamptz) >= $14))
               FROM tickets t WHERE t.id = c.id)
          AND NOT EXISTS (SELECT 1 FROM sync_state s WHERE s.key = '${REFETCH_PREFIX}' || c.id)
          AND c.id NOT IN (SELECT id FROM refetch_ids)
      ) AS candidates LEFT JOIN inserted_per_ticket i ON i.ticket_id = candidates.id
      GROUP BY candidates.id
    ) AS u
    WHERE tickets.id = u.id
    RETURNING u.complete
  )
  SELECT (SELECT count(*) FROM inserted)::int AS comments, (SELECT count(*) FROM updated WHERE complete)::int AS conversations`;

/**
 * CommentEventWriter on PostgreSQL, with sqlite-comment-event-writer.ts's behaviour: a page in one
 * statement (APPLY_PAGE), each kind of row written as many rows at once. strftime('%s',
 * created_at) there is extract(epoch …) here.
 */
export class PostgresCommentEventWriter implements CommentEventWriter {
  readonly #pool: Pool;
  /** Tickets that may complete, by generated_timestamp; read before the first page (see candidatesBefore). */
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
      await client.query(SET_STATE_PG, [STATE_EVENTS_START, String(startTime)]);
      await client.query(SET_STATE_PG, [STATE_EVENTS_ORIGIN, String(startTime)]);
    });
  }

  async applyPage(input: EventsPageInput): Promise<EventsPageOutcome> {
    const { candidates, next } = await this.#candidatesBefore(input.position);
    const users = lastCopies(input.users);
    const comments = input.comments;
    const { rows } = await this.#pool.query<EventsPageOutcome>(APPLY_PAGE, [
      users.map((u) => u.id),
      users.map((u) => u.name),
      users.map((u) => u.email),
      users.map((u) => u.role),
      users.map((u) => u.organization_id),
      comments.map((c) => c.id),
      comments.map((c) => c.ticket_id),
      comments.map((c) => c.author_id),
      comments.map((c) => c.public),
      comments.map((c) => c.body),
      comments.map((c) => c.created_at),
      input.redacted,
      input.position,
      input.origin,
      candidates,
      String(input.position),
    ]);
    this.#next = next; // only once the page is stored: a page that failed offers its candidates again
    return rows[0]!;
  }

  /*
   * Which stale tickets a page at `position` may complete, each offered once. Before the first
   * page, every stale ticket is read with its generated_timestamp (one scan, where each page's
   * UPDATE scanned them all again: ~60% of its time, measured with auto_explain); each page then
   * offers those whose timestamp fell below its position since the page before. Offering each
   * once loses none: within the phase the stale set only shrinks, a ticket's timestamp, deleted
   * flag and comments_synced_gts stay as they are until it completes, and refetch rows are only
   * added, so a ticket that failed the conditions once fails them on every later page. The page
   * checks every condition itself; a ticket missed here would only stay stale and be fetched whole.
   */
  async #candidatesBefore(position: number): Promise<{ candidates: number[]; next: number }> {
    if (!this.#stale) {
      const { rows } = await this.#pool.query<{ id: number; gts: number }>(
        `SELECT id, generated_timestamp AS gts FROM tickets WHERE ${STALE_CONVERSATION} ORDER BY generated_timestamp`,
      );
      this.#stale = { ids: rows.map((r) => r.id), gts: rows.map((r) => r.gts) };
    }
    const { ids, gts } = this.#stale;
    let end = this.#next;
    while (end < ids.length && gts[end]! < position) end++;
    return { candidates: ids.slice(this.#next, end), next: end };
  }
}

/** The page's users, the last copy of each (as upserting them in order would leave it), by id. */
function lastCopies(users: readonly UserRow[]): UserRow[] {
  const byId = new Map<number, UserRow>();
  for (const u of users) byId.set(u.id, u);
  return [...byId.values()].sort((a, b) => a.id - b.id);
}
