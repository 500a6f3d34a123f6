import { sql, type Kysely } from 'kysely';
import { yieldToEventLoop } from '../sleep.js';
import type { Database } from '../store/schema.js';
import { buildInput, type BuiltInput, type TicketForAnalysis } from './build-input.js';

/**
 * Which tickets a run analyses: never analysed; failed before; analysed under another prompt
 * version or model; or touched by sync since (its stamp moved) AND its rendered input hashes
 * differently. Deleted tickets and tickets waiting in an open Message Batch are skipped.
 */

// Any sync write to a ticket or its comments moves one of these. The CAST keeps coalesce's two
// sides of one type, as PostgreSQL requires; SQLite's text of an integer is the same either way.
const STAMP = sql<string>`t.updated_at || '|' || t.generated_timestamp || '|' || coalesce(CAST(t.comments_synced_gts AS TEXT), '') || '|' || t.comment_count`;

export interface SelectedTicket {
  ticket: TicketForAnalysis;
  input: BuiltInput;
}

interface CandidateRow {
  id: number;
  subject: string | null;
  description: string | null;
  tags: string;
  channel: string | null;
  created_at: string;
  requester_id: number | null;
  stamp: string;
  a_status: string | null;
  a_hash: string | null;
  a_version: string | null;
  a_model: string | null;
}

const PAGE = 500;

/**
 * Up to `limit` tickets that need analysis, with their built input. Failed tickets come after
 * new and changed ones, so one poison ticket cannot starve the rest. Tickets whose stamp moved
 * but whose input hashes the same get their stamp refreshed here (no call is made for them).
 * Idempotent; reads and makes only that bookkeeping write. Building inputs is CPU work (up to
 * REDACTION_CAP_CHARS of redaction a ticket), so the event loop gets a turn after each ticket
 * and an abort of `signal` stops the selection there.
 */
export async function selectTickets(db: Kysely<Database>, opts: SelectOptions): Promise<SelectedTicket[]> {
  const out: SelectedTicket[] = [];
  for await (const item of streamTickets(db, opts)) out.push(item);
  return out;
}

export interface SelectOptions {
  limit: number;
  promptVersion: string;
  model: string;
  redact: boolean;
  budgetTokens?: number;
  signal?: AbortSignal;
}

/**
 * The tickets of selectTickets, in the same order, each yielded as soon as its input is built:
 * live analysis starts on the first while the rest are read and redacted between responses
 * (selecting 2000 tickets up front kept the API idle for seconds: bench/analyze.mjs). Safe to
 * consume while the analyses it hands out are written: pages follow the id upward, and a ticket
 * is handed out once per generator even if it fails meanwhile and the failed pass meets it.
 */
export async function* streamTickets(db: Kysely<Database>, opts: SelectOptions): AsyncGenerator<SelectedTicket> {
  const given = new Set<number>();
  for (const failedPass of [false, true]) {
    let afterId = -1;
    while (given.size < opts.limit) {
      const rows = await candidates(db, opts, failedPass, afterId);
      if (rows.length === 0) break;
      afterId = rows[rows.length - 1]!.id;
      const loaded = await loadTickets(db, rows);
      for (const row of rows) {
        if (given.size >= opts.limit) break;
        if (given.has(row.id)) continue;
        const ticket = loaded.get(row.id)!;
        await yieldToEventLoop(opts.signal);
        const input = buildInput(ticket, { redact: opts.redact, budgetTokens: opts.budgetTokens });
        const onlyStampMoved = row.a_status === 'analyzed' && row.a_version === opts.promptVersion && row.a_model === opts.model;
        if (onlyStampMoved && row.a_hash === input.hash) {
          await db.updateTable('ticket_analyses').set({ source_stamp: row.stamp }).where('ticket_id', '=', row.id).execute();
          continue;
        }
        given.add(row.id);
        yield { ticket, input };
      }
    }
  }
}

async function candidates(
  db: Kysely<Database>,
  opts: { promptVersion: string; model: string },
  failedPass: boolean,
  afterId: number,
): Promise<CandidateRow[]> {
  const statusFilter = failedPass ? sql`a.status = 'failed'` : sql`(a.status IS NULL OR a.status != 'failed')`;
  const result = await sql<CandidateRow>`
    SELECT t.id, t.subject, t.description, t.tags, t.channel, t.created_at, t.requester_id, ${STAMP} AS stamp,
           a.status AS a_status, a.input_hash AS a_hash, a.prompt_version AS a_version, a.model AS a_model
    FROM tickets t LEFT JOIN ticket_analyses a ON a.ticket_id = t.id
    WHERE ${needsAnalysis(opts)} AND t.id > ${afterId} AND ${statusFilter}
    ORDER BY t.id
    LIMIT ${PAGE}
  `.execute(db);
  return result.rows;
}

/**
 * How many tickets streamTickets would hand out, at most `limit`: one COUNT over the same
 * condition, stopping at `limit` matches. An upper bound: a ticket whose stamp moved but whose
 * input hashes the same is counted here and skipped there. Reads only.
 */
export async function countTickets(db: Kysely<Database>, opts: Pick<SelectOptions, 'limit' | 'promptVersion' | 'model'>): Promise<number> {
  const result = await sql<{ n: number | string }>`
    SELECT count(*) AS n FROM (
      SELECT 1 FROM tickets t LEFT JOIN ticket_analyses a ON a.ticket_id = t.id
      WHERE ${needsAnalysis(opts)}
      LIMIT ${opts.limit}
    ) c
  `.execute(db);
  return Number(result.rows[0]?.n ?? 0); // PostgreSQL's count is a bigint, which pg hands over as a string
}

/** The tickets that need analysis (t: tickets, a: their ticket_analyses row, LEFT JOINed). */
function needsAnalysis(opts: { promptVersion: string; model: string }) {
  return sql<boolean>`t.deleted = 0 AND t.status != 'deleted'
      AND (a.ticket_id IS NULL OR a.status = 'failed' OR a.prompt_version != ${opts.promptVersion}
           OR a.model != ${opts.model} OR a.source_stamp != ${STAMP})
      AND NOT EXISTS (SELECT 1 FROM batch_items bi JOIN message_batches b ON b.id = bi.batch_id
                      WHERE bi.ticket_id = t.id AND b.status != 'collected')`;
}

/** Loads comments and the people to redact (requester and every comment author) for `rows`. */
async function loadTickets(db: Kysely<Database>, rows: CandidateRow[]): Promise<Map<number, TicketForAnalysis>> {
  const ids = rows.map((r) => r.id);
  const comments = await db
    .selectFrom('comments')
    .select(['ticket_id', 'author_id', 'author_role', 'body', 'created_at', 'public', 'id'])
    .where('ticket_id', 'in', ids)
    .orderBy('ticket_id')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const userIds = new Set<number>();
  for (const r of rows) if (r.requester_id != null) userIds.add(r.requester_id);
  for (const c of comments) if (c.author_id != null) userIds.add(c.author_id);
  const users = userIds.size
    ? await db.selectFrom('users').select(['id', 'name', 'email']).where('id', 'in', [...userIds]).execute()
    : [];
  const userById = new Map(users.map((u) => [u.id, u]));
  const map = new Map<number, TicketForAnalysis>();
  for (const r of rows) {
    map.set(r.id, {
      id: r.id,
      subject: r.subject,
      description: r.description,
      tags: parseTags(r.tags),
      channel: r.channel,
      created_at: r.created_at,
      source_stamp: r.stamp,
      people: [],
      comments: [],
    });
    const requester = r.requester_id != null ? userById.get(r.requester_id) : undefined;
    if (requester) map.get(r.id)!.people.push({ name: requester.name, email: requester.email });
  }
  for (const c of comments) {
    const t = map.get(c.ticket_id)!;
    t.comments.push({ author_role: c.author_role, body: c.body, created_at: c.created_at, public: c.public });
    const author = c.author_id != null ? userById.get(c.author_id) : undefined;
    if (author) t.people.push({ name: author.name, email: author.email });
  }
  return map;
}

function parseTags(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((t): t is string => typeof t === 'string') : [];
  } catch {
    return [];
  }
}

/** Loads the given tickets (for batch resubmission), skipping deleted ones. */
export async function loadTicketsById(
  db: Kysely<Database>,
  ids: number[],
  opts: { redact: boolean; budgetTokens?: number; signal?: AbortSignal },
): Promise<SelectedTicket[]> {
  if (ids.length === 0) return [];
  const rows = await sql<CandidateRow>`
    SELECT t.id, t.subject, t.description, t.tags, t.channel, t.created_at, t.requester_id, ${STAMP} AS stamp,
           NULL AS a_status, NULL AS a_hash, NULL AS a_version, NULL AS a_model
    FROM tickets t WHERE t.deleted = 0 AND t.status != 'deleted' AND t.id IN (${sql.join(ids)})
    ORDER BY t.id
  `.execute(db);
  const loaded = await loadTickets(db, rows.rows);
  const out: SelectedTicket[] = [];
  for (const r of rows.rows) {
    await yieldToEventLoop(opts.signal); // CPU work per ticket: see selectTickets
    const ticket = loaded.get(r.id)!;
    out.push({ ticket, input: buildInput(ticket, { redact: opts.redact, budgetTokens: opts.budgetTokens }) });
  }
  return out;
}
