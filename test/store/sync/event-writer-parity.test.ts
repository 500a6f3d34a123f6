import { expect, it } from 'vitest';
import { openSyncWriters } from '../../../src/store/sync/open-sync-writers.js';
import type { Store } from '../../../src/store/store.js';
import { tempPostgresStore } from '../../helpers/dialects.js';
import { describePostgres } from '../../helpers/postgres.js';
import { tempStore } from '../../helpers/store.js';

const ticket = (id: number, o: Record<string, unknown> = {}) => ({
  id, subject: 's', description: null, status: 'open', priority: null, type: null, channel: null, tags: '[]', requester_id: null, organization_id: null,
  assignee_id: null, created_at: '2026-01-02T00:00:00Z', updated_at: 'x', generated_timestamp: 100, deleted: 0, comment_count: 0, comments_synced_gts: null, synced_at: 'x', ...o,
});
const comment = (id: number, ticketId: number, author: number | null) => ({ id, ticket_id: ticketId, author_id: author, public: 1, body: `b${id}`, created_at: '2026-01-03T00:00:00Z' });
const user = (id: number, role: string | null, name: string) => ({ id, name, email: null, role, organization_id: null });

/**
 * Two pages of comment events through the store's writer (openSyncWriters), over tickets in every
 * state the completion rules tell apart; everything the writer may touch, read back.
 */
async function applyTwoPages(store: Store) {
  const writer = (await openSyncWriters(store)).commentEvents;
  const origin = Date.parse('2026-01-01T00:00:00Z') / 1000;
  await store.db.insertInto('tickets').values([
    ticket(1), ticket(2, { deleted: 1 }), ticket(3, { comments_synced_gts: 50 }), ticket(4, { comments_synced_gts: -1 }),
    ticket(5, { created_at: '2025-01-01T00:00:00Z' }), ticket(6, { comments_synced_gts: 50 }), ticket(7, { generated_timestamp: 300, comments_synced_gts: 50 }),
    ticket(8, { comments_synced_gts: 50, generated_timestamp: 150 }), ticket(9, { comments_synced_gts: 100 }),
  ] as never).execute();
  await store.db.insertInto('users').values([{ id: 901, name: 'x', email: null, role: 'end-user', organization_id: null }, { id: 902, name: 'y', email: null, role: 'admin', organization_id: null }] as never).execute();
  await store.db.insertInto('comments').values([{ id: 10, ticket_id: 3, author_id: 901, author_role: 'end-user', public: 1, body: 'old', created_at: 'x' }] as never).execute();
  await store.db.insertInto('sync_state').values([{ key: 'comment_events.refetch.8', value: '' }]).execute();
  const outcomes = [
    await writer.applyPage({
      // A comment twice in the page, one stored already, one of a ticket not stored, one of a deleted ticket, one by nobody.
      comments: [comment(11, 1, 900), comment(11, 1, 900), comment(12, 3, 901), comment(10, 3, 901), comment(13, 99, 900), comment(14, 2, 902), comment(15, 6, 902), comment(16, 9, null), comment(17, 1, 902)],
      redacted: [6, 77],
      users: [user(902, 'agent', 'y2'), user(900, 'agent', 'n'), user(900, null, 'n2')],
      position: 200,
      origin,
    }),
    await writer.applyPage({ comments: [comment(18, 7, 900)], redacted: [], users: [], position: 400, origin }),
  ];
  return {
    outcomes,
    tickets: await store.db.selectFrom('tickets').select(['id', 'comment_count', 'comments_synced_gts']).orderBy('id').execute(),
    comments: await store.db.selectFrom('comments').select(['id', 'ticket_id', 'author_id', 'author_role', 'body']).orderBy('id').execute(),
    users: await store.db.selectFrom('users').selectAll().orderBy('id').execute(),
    state: await store.db.selectFrom('sync_state').selectAll().orderBy('key').execute(),
  };
}

describePostgres('the comment events writers', () => {
  it('leave the same rows on SQLite and PostgreSQL for the same two pages', async () => {
    const sqlite = tempStore();
    const postgres = await tempPostgresStore();
    const expected = await applyTwoPages(sqlite);
    expect(expected.comments.map((c) => c.id)).toEqual([10, 11, 12, 15, 16, 17, 18]); // neither the unknown ticket's nor the deleted one's
    expect(await applyTwoPages(postgres)).toEqual(expected);
  });
});
