import { Kysely, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../../src/store/schema.js';
import { SqliteCommentEventWriter } from '../../../src/store/sync/sqlite-comment-event-writer.js';
import { countStaleConversations, readStaleConversations } from '../../../src/store/sync/sync-queries.js';
import type { SqliteStore } from '../../../src/store/store.js';
import { tempStore } from '../../helpers/store.js';

/*
 * The stale-conversation condition is one text (stale-conversation.ts) because SQLite can walk the
 * partial index tickets_comments_stale only while a query repeats the index's WHERE term for term
 * (a bound 0 instead of the literal is enough to lose it); whether it does is the planner's call,
 * by the table's statistics. INDEXED BY makes the question exact: SQLite refuses to prepare a
 * statement with "no query solution" when the named index cannot serve it (sqlite.org/lang_indexedby.html).
 */
const STALE_INDEX = 'tickets_comments_stale';

/** Prepares `sql` with the tickets table bound to the partial index; throws where it cannot serve. */
function prepareOnStaleIndex(store: SqliteStore, sql: string): void {
  const forced = sql.replace(/^(\s*(?:select .*? from|update)\s+)("tickets"|tickets)(\s)/is, `$1$2 INDEXED BY ${STALE_INDEX}$3`);
  expect(forced).toContain(STALE_INDEX);
  store.sqlite.prepare(forced);
}

describe('the stale-conversation condition on SQLite', () => {
  it('lets the comments phase count and read stale tickets through the partial index', async () => {
    const store = tempStore();
    const statements: string[] = [];
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: store.sqlite }), log: (e) => void statements.push(e.query.sql) });
    await countStaleConversations(db);
    await readStaleConversations(db, 0, 1000);
    expect(statements).toHaveLength(2);
    for (const sql of statements) prepareOnStaleIndex(store, sql);
  });

  it('lets an events page mark the conversations it completes through the partial index', () => {
    const store = tempStore();
    const prepared: string[] = [];
    // The real database handle, its prepare() noting each statement the writer makes.
    const recording = new Proxy(store.sqlite, {
      get(target, key) {
        if (key === 'prepare') return (sql: string) => (prepared.push(sql), target.prepare(sql));
        const value = Reflect.get(target, key, target) as unknown;
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    new SqliteCommentEventWriter(recording);
    const markCurrent = prepared.filter((sql) => sql.includes('SET comments_synced_gts = generated_timestamp'));
    expect(markCurrent).toHaveLength(1);
    prepareOnStaleIndex(store, markCurrent[0]!);
  });

  it('is refused the partial index once a term is worded otherwise', () => {
    const store = tempStore();
    expect(() => prepareOnStaleIndex(store, 'SELECT id FROM tickets WHERE deleted = ? AND (comments_synced_gts IS NULL OR comments_synced_gts <> generated_timestamp)')).toThrow(
      /no query solution/,
    );
  });
});
