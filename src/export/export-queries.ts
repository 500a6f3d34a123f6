import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import type { ExportValue } from './csv.js';

/** Columns of `export tickets`, in order (DESIGN.md: stable; add, never rename or drop). */
export const TICKET_COLUMNS = [
  'id', 'subject', 'status', 'created_at', 'updated_at', 'deleted', 'comment_count',
  'requester_id', 'organization_id', 'tags', 'analysis_status', 'analysis_error',
] as const;

/** Columns of `export issues`, in order. */
export const ISSUE_COLUMNS = ['ticket_id', 'cluster_id', 'title', 'category', 'component', 'severity', 'summary', 'created_at'] as const;

export type ExportRow = Record<string, ExportValue>;

/** Rows read and converted per step: bounded memory whatever the table's size. */
const CHUNK = 1000;

/**
 * Every ticket (deleted ones too, flagged) with its analysis state: "pending" when analyze has
 * not seen it. Streams through the database cursor; never holds more than a chunk of rows.
 */
export async function* ticketRows(db: Kysely<Database>): AsyncGenerator<ExportRow> {
  const rows = db
    .selectFrom('tickets as t')
    .leftJoin('ticket_analyses as a', 'a.ticket_id', 't.id')
    .select(['t.id', 't.subject', 't.status', 't.created_at', 't.updated_at', 't.deleted', 't.comment_count', 't.requester_id', 't.organization_id', 't.tags', 'a.status as analysis_status', 'a.error as analysis_error'])
    .orderBy('t.id')
    .stream(CHUNK);
  for await (const r of rows) {
    yield {
      id: r.id,
      subject: r.subject,
      status: r.status,
      created_at: r.created_at,
      updated_at: r.updated_at,
      deleted: r.deleted === 1,
      comment_count: r.comment_count,
      requester_id: r.requester_id,
      organization_id: r.organization_id,
      tags: parseTags(r.tags),
      analysis_status: r.analysis_status ?? 'pending',
      analysis_error: r.analysis_error ?? null,
    };
  }
}

/** Every extracted issue of a ticket that is not deleted, in extraction order. Streams. */
export async function* issueRows(db: Kysely<Database>): AsyncGenerator<ExportRow> {
  const rows = db
    .selectFrom('issues as i')
    .innerJoin('tickets as t', 't.id', 'i.ticket_id')
    .select(['i.ticket_id', 'i.cluster_id', 'i.title', 'i.category', 'i.component', 'i.severity', 'i.summary', 'i.created_at'])
    .where('t.deleted', '=', 0)
    .orderBy('i.id')
    .stream(CHUNK);
  for await (const r of rows) {
    yield { ...r };
  }
}

function parseTags(text: string): string[] {
  try {
    const tags = JSON.parse(text) as unknown;
    return Array.isArray(tags) ? tags.map(String) : [];
  } catch {
    return [];
  }
}
