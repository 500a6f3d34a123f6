import { onTestFinished } from 'vitest';
import { resolveConfig, type Config } from '../../src/config.js';
import type { Deps } from '../../src/deps.js';
import { runTask, type TaskOutcome } from '../../src/worker/run-task.js';
import { silentReporter, type Reporter } from '../../src/output/reporter.js';
import { sync, type SyncResult } from '../../src/zendesk/sync-task.js';
import { createZendeskClient, type ClientTuning } from '../../src/zendesk/zendesk-client.js';
import { startFakeZendesk, TEST_CREDENTIALS, type FakeZendesk, type FakeZendeskOptions } from '../../src/sandbox/zendesk-server.js';
import type { ZendeskModel } from '../../src/sandbox/zendesk-model.js';
import { testDeps } from '../helpers/store.js';

/** A fake Zendesk closed when the test finishes. */
export async function fakeZendesk(options: FakeZendeskOptions = {}): Promise<FakeZendesk> {
  const fake = await startFakeZendesk(options);
  onTestFinished(() => fake.close());
  return fake;
}

/** Environment that points issuetrack at `fake` with an API token (or `auth` instead). */
export function zendeskEnv(fake: FakeZendesk, auth: Record<string, string> = { ZENDESK_EMAIL: TEST_CREDENTIALS.email, ZENDESK_API_TOKEN: TEST_CREDENTIALS.apiToken }): Record<string, string> {
  return { ZENDESK_URL: fake.url, ...auth };
}

/** Short timeouts and backoff, so faults cost milliseconds. */
export const FAST_TUNING: Partial<ClientTuning> = { timeoutMs: 400, baseDelayMs: 2, maxDelayMs: 20, maxAttempts: 10 };

export function configFor(deps: Deps, env: Record<string, string>): Config {
  return resolveConfig({ flags: { db: deps.store.path }, env: { HOME: '/nonexistent', ...env }, cwd: '/' });
}

/** Runs the sync task in-process under the lease, as the command does. */
export async function runSync(
  deps: Deps,
  env: Record<string, string>,
  opts: { backfillDays?: number; concurrency?: number; tuning?: Partial<ClientTuning> } = {},
): Promise<TaskOutcome<SyncResult>> {
  const config = configFor(deps, env);
  const client = createZendeskClient(config, deps.clock, opts.tuning ?? FAST_TUNING);
  return runTask({ ...deps, config }, 'sync', {}, (ctx) => sync(ctx, { backfillDays: opts.backfillDays, concurrency: opts.concurrency ?? 8 }, client));
}

export interface TicketSnapshot {
  id: number;
  subject: string | null;
  status: string;
  deleted: number;
  tags: string;
  requester_id: number | null;
  organization_id: number | null;
  created_at: string;
  updated_at: string;
  generated_timestamp: number;
  comment_count: number;
}

export interface CommentSnapshot {
  id: number;
  ticket_id: number;
  author_id: number | null;
  author_role: string;
  public: number;
  body: string;
  created_at: string;
}

/** What the database should hold after a complete sync of `model`. */
export function expectedState(model: ZendeskModel): { tickets: TicketSnapshot[]; comments: CommentSnapshot[] } {
  const tickets: TicketSnapshot[] = [];
  const comments: CommentSnapshot[] = [];
  for (const t of [...model.tickets.values()].sort((a, b) => a.id - b.id)) {
    const deleted = t.status === 'deleted';
    const list = deleted ? [] : (model.comments.get(t.id) ?? []);
    tickets.push({
      id: t.id,
      subject: t.subject,
      status: t.status,
      deleted: deleted ? 1 : 0,
      tags: JSON.stringify(t.tags),
      requester_id: t.requester_id,
      organization_id: t.organization_id,
      created_at: t.created_at,
      updated_at: t.updated_at,
      generated_timestamp: t.generated_timestamp,
      comment_count: list.length,
    });
    for (const c of list) {
      comments.push({
        id: c.id,
        ticket_id: t.id,
        author_id: c.author_id,
        author_role: model.users.get(c.author_id)!.role,
        public: c.public ? 1 : 0,
        body: c.body,
        created_at: c.created_at,
      });
    }
  }
  comments.sort((a, b) => a.id - b.id);
  return { tickets, comments };
}

/** What the database holds, in the same shape. */
export async function storedState(deps: Pick<Deps, 'db'>): Promise<{ tickets: TicketSnapshot[]; comments: CommentSnapshot[] }> {
  const tickets = await deps.db
    .selectFrom('tickets')
    .select(['id', 'subject', 'status', 'deleted', 'tags', 'requester_id', 'organization_id', 'created_at', 'updated_at', 'generated_timestamp', 'comment_count'])
    .orderBy('id')
    .execute();
  const comments = await deps.db.selectFrom('comments').select(['id', 'ticket_id', 'author_id', 'author_role', 'public', 'body', 'created_at']).orderBy('id').execute();
  return { tickets, comments };
}

export { testDeps };

/**
 * Moves the creation of every `nth` ticket 60 days back, before the first run's 30-day window:
 * such a ticket is first seen with comments older than the event stream, so sync fetches its
 * conversation whole (the per-ticket path) instead of reading it from the comment events.
 */
export function createLongAgo(model: ZendeskModel, nth = 1): void {
  for (const t of model.tickets.values()) {
    if (t.id % nth === 0) t.created_at = new Date(Date.parse(t.created_at) - 60 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
}

/** A reporter that calls `fn` once, the first time a progress update matches `phase`. */
export function onFirstProgress(phase: string, fn: () => void): Reporter {
  let fired = false;
  return {
    ...silentReporter,
    progress(update) {
      if (!fired && update.phase === phase) {
        fired = true;
        fn();
      }
    },
  };
}
