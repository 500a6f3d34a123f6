import type BetterSqlite3 from 'better-sqlite3';

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
 * cluster_id NULL so trends places them. Synchronous; one transaction.
 */
export function seedTickets(sqlite: BetterSqlite3.Database, tickets: SeedTicket[]): void {
  const insertTicket = sqlite.prepare(
    `INSERT INTO tickets (id, subject, status, tags, requester_id, organization_id, created_at, updated_at, generated_timestamp, deleted, synced_at)
     VALUES (?, ?, 'open', '[]', ?, ?, ?, ?, 0, ?, ?)`,
  );
  const insertIssue = sqlite.prepare(
    `INSERT INTO issues (ticket_id, position, title, category, component, severity, summary, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  sqlite.transaction(() => {
    for (const t of tickets) {
      insertTicket.run(t.id, t.subject ?? t.issues[0]?.title ?? 'ticket', t.requesterId === undefined ? 1000 + t.id : t.requesterId, t.organizationId ?? null, t.createdAt, t.createdAt, t.deleted ? 1 : 0, t.createdAt);
      t.issues.forEach((issue, position) => {
        insertIssue.run(t.id, position, issue.title, issue.category ?? 'bug', issue.component ?? null, issue.severity ?? 'medium', `summary of ${issue.title}`, t.createdAt);
      });
    }
  })();
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
