/** Tables filled by `analyze` (migration 0003, owned by src/analysis/). */

export type AnalysisStatus = 'analyzed' | 'failed';

export interface TicketAnalysesTable {
  ticket_id: number;
  status: AnalysisStatus;
  input_hash: string; // hash of what was sent; a change means re-analysis
  prompt_version: string;
  model: string;
  is_product_issue: number | null;
  language: string | null;
  sentiment: string | null;
  error: string | null;
  attempts: number;
  analyzed_at: string;
}

export interface IssuesTable {
  id: number; // autoincrement
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
}
