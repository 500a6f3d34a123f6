import { queryOne } from './raw-query.js';
import type { Store } from './store.js';

/** The schema version the database holds: PRAGMA user_version on SQLite, the issuetrack_schema row on PostgreSQL. */
export async function readSchemaVersion(store: Store): Promise<number> {
  if (store.dialect === 'sqlite') return store.schema?.version ?? (store.sqlite.pragma('user_version', { simple: true }) as number);
  return (await queryOne<{ version: number }>(store, 'SELECT version FROM issuetrack_schema WHERE id = 1'))?.version ?? 0;
}
