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
