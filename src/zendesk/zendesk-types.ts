/** The parts of Zendesk's wire format that sync reads (developer.zendesk.com API reference). */

export interface ZendeskTicket {
  id: number;
  subject?: string | null;
  description?: string | null;
  status: string; // new | open | pending | hold | solved | closed | deleted
  priority?: string | null;
  type?: string | null;
  via?: { channel?: string | null } | null;
  tags?: string[] | null;
  requester_id?: number | null;
  organization_id?: number | null;
  assignee_id?: number | null;
  created_at: string;
  updated_at: string;
  /** Unix seconds of the last change, system updates included: the export's watermark. */
  generated_timestamp: number;
}

/** GET /api/v2/incremental/tickets/cursor.json */
export interface ExportPage {
  tickets: ZendeskTicket[];
  after_cursor: string | null;
  after_url: string | null;
  end_of_stream: boolean;
}

export interface ZendeskComment {
  id: number;
  author_id?: number | null;
  body?: string | null;
  html_body?: string | null;
  plain_body?: string | null;
  public?: boolean;
  created_at: string;
}

export interface ZendeskUser {
  id: number | null; // null: Zendesk answered for the anonymous user
  name?: string | null;
  email?: string | null;
  role?: string | null; // end-user | agent | admin
  organization_id?: number | null;
}

/** GET /api/v2/tickets/{id}/comments.json with cursor pagination and include=users. */
export interface CommentsPage {
  comments: ZendeskComment[];
  users?: ZendeskUser[];
  meta?: { has_more?: boolean; after_cursor?: string | null };
  links?: { next?: string | null };
  /** Offset pagination, from a server that ignores page[size]. */
  next_page?: string | null;
}

/**
 * One item of GET /api/v2/incremental/ticket_events.json?include=comment_events: an update of a
 * ticket, with what it changed as child events. With the comment_events side-load a comment
 * arrives whole as a child with event_type "Comment" (id, author_id, body, html_body, public,
 * created_at, audit_id, ...); without it only comment_present/comment_public booleans do
 * (developer.zendesk.com/api-reference/ticketing/ticket-management/incremental_exports/,
 * "Incremental Ticket Event Export", Sideloading).
 */
export interface ZendeskTicketEvent {
  id: number;
  ticket_id: number;
  /** Unix seconds; what start_time and end_time page by. */
  timestamp: number;
  created_at?: string;
  event_type?: string;
  child_events?: ZendeskChildEvent[] | null;
}

export interface ZendeskChildEvent {
  id?: number;
  event_type?: string; // Comment | Create | Change | CommentRedactionEvent | ...
  /** Comment children: the comment's fields. */
  author_id?: number | null;
  body?: string | null;
  html_body?: string | null;
  plain_body?: string | null;
  public?: boolean;
  created_at?: string;
  /** CommentRedactionEvent children: the comment whose text changed. */
  comment_id?: number;
}

/**
 * The time-based export's page: `end_time` is the next request's start_time, items with that
 * timestamp may come again (pages overlap), and only `end_of_stream` says the export is done.
 */
export interface TicketEventsPage {
  ticket_events: ZendeskTicketEvent[];
  end_time: number;
  end_of_stream: boolean;
  next_page?: string | null;
  count?: number;
}
