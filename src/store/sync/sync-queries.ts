import { sql, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../schema.js';
import { STALE_CONVERSATION } from './stale-conversation.js';
import { STATE_CURSOR, STATE_EVENTS_ORIGIN, STATE_EVENTS_START, STATE_START_TIME, STATE_WATERMARK } from './sync-state-keys.js';

/** Where the export stands, as stored by the last page committed. */
export interface ExportState {
  cursor: string | undefined;
  /** Unix seconds the export (re)started from; the fallback when there is no cursor. */
  startTime: number | undefined;
  /** Highest generated_timestamp stored. */
  watermark: number | undefined;
}

/** Reads the export's stored position. Never throws on an empty database. */
export async function readExportState(db: Kysely<Database>): Promise<ExportState> {
  const rows = await db.selectFrom('sync_state').select(['key', 'value']).where('key', 'in', [STATE_CURSOR, STATE_START_TIME, STATE_WATERMARK]).execute();
  const get = (key: string) => rows.find((r) => r.key === key)?.value;
  const num = (value: string | undefined) => (value === undefined ? undefined : Number(value));
  return { cursor: get(STATE_CURSOR), startTime: num(get(STATE_START_TIME)), watermark: num(get(STATE_WATERMARK)) };
}

/** Where the comment events stream stands (unix seconds): next start_time, and since when unbroken. */
export async function readEventsState(db: Kysely<Database>): Promise<{ start: number | undefined; origin: number | undefined }> {
  const rows = await db.selectFrom('sync_state').select(['key', 'value']).where('key', 'in', [STATE_EVENTS_START, STATE_EVENTS_ORIGIN]).execute();
  const num = (key: string) => {
    const value = rows.find((r) => r.key === key)?.value;
    return value === undefined ? undefined : Number(value);
  };
  return { start: num(STATE_EVENTS_START), origin: num(STATE_EVENTS_ORIGIN) };
}

/** Tickets whose comments lag their last change, as raw SQL: see stale-conversation.ts on why. */
const staleConversation = sql<SqlBool>`${sql.raw(STALE_CONVERSATION)}`;

/** The next `limit` tickets (by id, after `afterId`) whose conversation needs fetching. */
export async function readStaleConversations(db: Kysely<Database>, afterId: number, limit: number): Promise<Array<{ id: number; gts: number }>> {
  return db
    .selectFrom('tickets')
    .select(['id', 'generated_timestamp as gts'])
    .where(staleConversation)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** How many tickets wait for their conversation. */
export async function countStaleConversations(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('tickets').select((eb) => eb.fn.countAll<number>().as('n')).where(staleConversation).executeTakeFirstOrThrow();
  return Number(row.n);
}
