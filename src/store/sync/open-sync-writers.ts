import type { Store } from '../store.js';
import { SqliteCommentEventWriter } from './sqlite-comment-event-writer.js';
import { SqliteTicketWriter } from './sqlite-ticket-writer.js';
import type { SyncWriters } from './sync-writers.js';

/**
 * The sync writers of the store's database. PostgreSQL's load only when used (an SQLite run never
 * reads them). Opens nothing and writes nothing: the writers write when called.
 */
export async function openSyncWriters(store: Store): Promise<SyncWriters> {
  if (store.dialect === 'sqlite') {
    return { tickets: new SqliteTicketWriter(store.sqlite), commentEvents: new SqliteCommentEventWriter(store.sqlite) };
  }
  const [{ PostgresTicketWriter }, { PostgresCommentEventWriter }] = await Promise.all([
    import('./postgres-ticket-writer.js'),
    import('./postgres-comment-event-writer.js'),
  ]);
  return { tickets: new PostgresTicketWriter(store.pool), commentEvents: new PostgresCommentEventWriter(store.pool) };
}
