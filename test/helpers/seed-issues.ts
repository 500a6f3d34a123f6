import type { Kysely } from 'kysely';
import type { Database } from '../../src/store/schema.js';

/** A ticket plus the issues extracted from it, as analyze would leave them. */
export interface SeedTicket {
  id: number;
  /** Defaults to the first issue's title. */
  subject?: string;
  createdAt: string;
  requesterId?: number | null;
  organizationId?: number | null;
  deleted?: boolean;
  issues: Array<{ title: string; category?: string; component?: string | null; severity?: string }>;
}

/**
 * Inserts tickets and their issues straight into the tables (no Zendesk, no Claude), with
 * cluster_id NULL so trends places them. One transaction, through Kysely: either database.
 */
export async function seedTickets(db: Kysely<Database>, tickets: SeedTicket[]): Promise<void> {
  if (tickets.length === 0) return;
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('tickets')
      .values(
        tickets.map((t) => ({
          id: t.id,
          subject: t.subject ?? t.issues[0]?.title ?? 'ticket',
          status: 'open',
          tags: '[]',
          requester_id: t.requesterId === undefined ? 1000 + t.id : t.requesterId,
          organization_id: t.organizationId ?? null,
          created_at: t.createdAt,
          updated_at: t.createdAt,
          generated_timestamp: 0,
          deleted: t.deleted ? 1 : 0,
          comment_count: 0,
          synced_at: t.createdAt,
        })),
      )
      .execute();
    const issues = tickets.flatMap((t) =>
      t.issues.map((issue, position) => ({
        ticket_id: t.id,
        position,
        title: issue.title,
        category: issue.category ?? 'bug',
        component: issue.component ?? null,
        severity: issue.severity ?? 'medium',
        summary: `summary of ${issue.title}`,
        created_at: t.createdAt,
      })),
    );
    if (issues.length > 0) await trx.insertInto('issues').values(issues).execute();
  });
}

/**
 * `count` tickets of one problem spread evenly over [fromMs, toMs), each from its own requester
 * unless `customers` limits how many distinct ones there are. Ids start at `firstId`.
 */
export function ticketsOver(opts: {
  firstId: number;
  count: number;
  fromMs: number;
  toMs: number;
  title: string | ((i: number) => string);
  category?: string;
  component?: string | null;
  customers?: number;
}): SeedTicket[] {
  const out: SeedTicket[] = [];
  const step = (opts.toMs - opts.fromMs) / Math.max(opts.count, 1);
  for (let i = 0; i < opts.count; i++) {
    const id = opts.firstId + i;
    out.push({
      id,
      createdAt: new Date(Math.floor(opts.fromMs + i * step)).toISOString(),
      requesterId: opts.customers ? 5000 + (i % opts.customers) : 1000 + id,
      issues: [{ title: typeof opts.title === 'string' ? opts.title : opts.title(i), category: opts.category, component: opts.component }],
    });
  }
  return out;
}
