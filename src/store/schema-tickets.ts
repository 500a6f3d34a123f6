/** Tables filled by `sync` (migration 0002): the task in src/zendesk/, its writes and reads in src/store/sync/. */

export interface TicketsTable {
  id: number;
  subject: string | null;
  description: string | null;
  status: string; // Zendesk status; "deleted" tickets also have deleted = 1
  priority: string | null;
  type: string | null;
  channel: string | null; // via.channel
  tags: string; // JSON array of strings
  requester_id: number | null;
  organization_id: number | null;
  assignee_id: number | null;
  created_at: string;
  updated_at: string;
  generated_timestamp: number; // unix seconds; the export's watermark
  deleted: number; // 0 | 1
  comment_count: number;
  /** generated_timestamp whose comments are stored; comments are stale while it lags. */
  comments_synced_gts: number | null;
  synced_at: string;
}

export interface CommentsTable {
  id: number;
  ticket_id: number;
  author_id: number | null;
  author_role: string; // end-user | agent | admin | unknown
  public: number; // 0 | 1
  body: string; // plain text, HTML stripped
  created_at: string;
}

export interface UsersTable {
  id: number;
  name: string | null;
  email: string | null;
  role: string | null;
  organization_id: number | null;
}

export interface SyncStateTable {
  key: string;
  value: string;
}
