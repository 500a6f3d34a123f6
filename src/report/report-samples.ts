import { sql, type Kysely } from 'kysely';
import { isoAt } from '../clock.js';
import type { Database } from '../store/schema.js';

export interface ReportSample {
  ticket_id: number;
  subject: string | null;
  created_at: string;
  severity: string;
  url: string | null;
}

/**
 * The newest `perTheme` tickets of each theme in (fromMs, toMs], by theme id, in one query (a
 * window function, not one query per theme). Deleted tickets are left out. Read-only.
 */
export async function reportSamples(
  db: Kysely<Database>,
  opts: { fromMs: number; toMs: number; perTheme: number; ticketUrl: (ticketId: number) => string | null },
): Promise<Map<number, ReportSample[]>> {
  const { rows } = await sql<{ cluster_id: number; ticket_id: number; subject: string | null; created_at: string; severity: string }>`
    SELECT cluster_id, ticket_id, subject, created_at, severity FROM (
      SELECT i.cluster_id, i.ticket_id, t.subject, i.created_at, i.severity,
             row_number() OVER (PARTITION BY i.cluster_id ORDER BY i.created_at DESC, i.id DESC) AS n
      FROM issues i JOIN tickets t ON t.id = i.ticket_id
      WHERE t.deleted = 0 AND i.cluster_id IS NOT NULL AND i.created_at > ${isoAt(opts.fromMs)} AND i.created_at <= ${isoAt(opts.toMs)}
    ) AS ranked WHERE n <= ${opts.perTheme}
    ORDER BY cluster_id, n`.execute(db);
  const out = new Map<number, ReportSample[]>();
  for (const r of rows) {
    const list = out.get(r.cluster_id) ?? [];
    list.push({ ticket_id: r.ticket_id, subject: r.subject, created_at: r.created_at, severity: r.severity, url: opts.ticketUrl(r.ticket_id) });
    out.set(r.cluster_id, list);
  }
  return out;
}
