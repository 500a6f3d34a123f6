/** Tables filled by `analyze` (migration 0003, owned by src/analysis/). */

import type { ColumnType, Generated } from 'kysely';

export type AnalysisStatus = 'analyzed' | 'failed';

export interface TicketAnalysesTable {
  ticket_id: number;
  status: AnalysisStatus;
  input_hash: string; // hash of what would be sent (before redaction); a change means re-analysis
  /** The ticket's sync stamp when analysed; only tickets whose stamp moved are re-hashed. */
  source_stamp: string;
  prompt_version: string;
  model: string;
  mode: 'live' | 'batch';
  is_product_issue: number | null;
  language: string | null;
  sentiment: string | null;
  error: string | null; // reason of the last failure; once analysed null, or a note (issues cut to the most severe 10)
  attempts: number; // failed attempts since the last success
  analyzed_at: string;
}

export interface IssuesTable {
  id: Generated<number>; // autoincrement
  ticket_id: number;
  position: number; // order within the ticket's answer
  title: string;
  category: string;
  component: string | null;
  severity: string;
  summary: string | null;
  evidence: string | null;
  cluster_id: number | null; // set by `trends`; never moves once set
  created_at: string; // the ticket's created_at
  /** The shortlisted theme Claude said this issue belongs to (migration 0006); trends honours it. */
  suggested_cluster_id: ColumnType<number | null, number | null | undefined, number | null>;
}

/** One row per Claude call (or batch result): what it cost. */
/** api_usage summed per UTC day, kept by a trigger (migration 0005); never written by code. */
export interface ApiUsageDailyTable {
  day: string; // YYYY-MM-DD
  calls: number;
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  cost_usd: number; // of the calls whose model has a price
  unpriced_calls: number;
}

export interface ApiUsageTable {
  id: Generated<number>;
  at: string;
  run_id: string | null;
  ticket_id: number | null;
  purpose: string; // analyze | count_tokens | name_themes ...
  model: string;
  mode: 'live' | 'batch';
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  cost_usd: number | null; // null when the model has no price in our table
  request_id: string | null;
}

export type BatchStatus = 'in_progress' | 'canceling' | 'ended' | 'collected';

export interface MessageBatchesTable {
  id: string; // msgbatch_...
  status: BatchStatus;
  model: string;
  prompt_version: string;
  request_count: number;
  run_id: string | null;
  created_at: string;
  expires_at: string | null;
  ended_at: string | null;
  collected_at: string | null; // set once every result is stored; the batch is then closed
}

export interface BatchItemsTable {
  batch_id: string;
  custom_id: string; // t<ticket id>
  ticket_id: number;
  input_hash: string;
  source_stamp: string;
  /** 0 for a first submission; resubmissions of errored/expired/invalid results count up. */
  attempt: number;
  /** 1 once this item's result is stored (a crash mid-collection does not store it twice). */
  collected: number;
  /** JSON array of the theme ids shortlisted in the request (migration 0006); NULL: none sent. */
  theme_ids: ColumnType<string | null, string | null | undefined, string | null>;
}
