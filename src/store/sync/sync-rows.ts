import type { CommentsTable, TicketsTable, UsersTable } from '../schema-tickets.js';

/*
 * The rows sync hands its writers, as the tables hold them: the Zendesk shapes are turned into
 * these above the store (src/zendesk/sync-rows.ts), so the store knows its tables, not the wire.
 */

/** A tickets row as the export writes it; comment_count and comments_synced_gts are the writers' own. */
export type TicketRow = Omit<TicketsTable, 'comment_count' | 'comments_synced_gts'>;

/** A comments row without author_role, which the writers look up in users when they store it. */
export type CommentRow = Omit<CommentsTable, 'author_role'>;

export type UserRow = UsersTable;
