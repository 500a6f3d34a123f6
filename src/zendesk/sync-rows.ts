import type { CommentRow, TicketRow, UserRow } from '../store/sync/sync-rows.js';
import { commentText } from './html-text.js';
import type { ZendeskChildEvent, ZendeskComment, ZendeskTicket, ZendeskUser } from './zendesk-types.js';

/*
 * Zendesk's shapes as the rows the sync writers store (src/store/sync/): the store knows its
 * tables, this side knows the wire. Pure; each field falls back as the writers always stored it.
 */

/** The tickets row of an exported ticket; a ticket of status "deleted" is deleted = 1. */
export function ticketRow(t: ZendeskTicket, syncedAt: string): TicketRow {
  return {
    id: t.id,
    subject: t.subject ?? null,
    description: t.description ?? null,
    status: t.status,
    priority: t.priority ?? null,
    type: t.type ?? null,
    channel: t.via?.channel ?? null,
    tags: JSON.stringify(t.tags ?? []),
    requester_id: t.requester_id ?? null,
    organization_id: t.organization_id ?? null,
    assignee_id: t.assignee_id ?? null,
    created_at: t.created_at,
    updated_at: t.updated_at,
    generated_timestamp: t.generated_timestamp,
    deleted: t.status === 'deleted' ? 1 : 0,
    synced_at: syncedAt,
  };
}

/**
 * The comments row of a comment of ticket `ticketId` from the per-ticket endpoint: public unless
 * it says otherwise, the body as plain text (html-text.ts).
 */
export function commentRow(ticketId: number, m: ZendeskComment): CommentRow {
  return { id: m.id, ticket_id: ticketId, author_id: m.author_id ?? null, public: m.public === false ? 0 : 1, body: commentText(m), created_at: m.created_at };
}

/**
 * The comments row of a comment event, whose created_at may be missing: stored as ''. (A
 * per-ticket comment without one is refused by the column, failing its batch, as it always was.)
 */
export function eventCommentRow(ticketId: number, m: ZendeskChildEvent & { id: number }): CommentRow {
  return commentRow(ticketId, { ...m, created_at: m.created_at ?? '' });
}

/** The users rows of Zendesk's users, in order, leaving out the anonymous user (no id). */
export function userRows(users: readonly ZendeskUser[]): UserRow[] {
  return users.flatMap((u) => (u.id == null ? [] : [{ id: u.id, name: u.name ?? null, email: u.email ?? null, role: u.role ?? null, organization_id: u.organization_id ?? null }]));
}
