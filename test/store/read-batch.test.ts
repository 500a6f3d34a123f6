import { describe, expect, it } from 'vitest';
import { batchedRead, GateClosedError, inlined, quote } from '../../src/store/postgres/read-batch.js';
import { numbered } from '../../src/store/raw-query.js';
import { queryAll, queryOne } from '../../src/store/raw-query.js';
import { describePostgres } from '../helpers/postgres.js';
import { tempPostgresStore } from '../helpers/dialects.js';

/** Counts the messages the store's pool sends (each pool.query call is one round trip). */
function countQueries(pool: { query: (...args: never[]) => unknown }): () => number {
  let n = 0;
  const query = pool.query.bind(pool);
  pool.query = ((...args: never[]) => {
    n++;
    return query(...args);
  }) as typeof pool.query;
  return () => n;
}

describe('read batch literals', () => {
  it('writes each value as a quoted literal, backslashes under E and quotes doubled', () => {
    expect(quote("it's")).toBe("'it''s'");
    expect(quote('a\\b')).toBe(" E'a\\\\b'");
    expect(inlined('SELECT ? AS a, ? AS b, ? AS c', ['x', 5, null])).toBe("SELECT 'x' AS a, '5' AS b, NULL AS c");
  });

  it('leaves out what it cannot write as a literal, or placeholders that do not match the values', () => {
    expect(inlined('SELECT ?', [new Date(0)])).toBeUndefined();
    expect(inlined('SELECT ?', [true])).toBeUndefined();
    expect(inlined('SELECT ?', ['a\0b'])).toBeUndefined();
    expect(inlined('SELECT ?, ?', ['a'])).toBeUndefined();
    expect(inlined('SELECT ?', ['a', 'b'])).toBeUndefined();
  });
});

describePostgres('reads issued together on PostgreSQL', () => {
  it('come back each with its own rows, in one round trip', async () => {
    const store = await tempPostgresStore();
    const sent = countQueries(store.pool);
    const strange = ["it's", 'back\\slash', 'E\'\\x27', 'ünï ✓', '?', "'; DROP TABLE tickets; --"];
    const [texts, number, row, none] = await Promise.all([
      Promise.all(strange.map((s) => queryOne<{ v: string }>(store, 'SELECT ?::text AS v', [s]))),
      queryOne<{ n: number }>(store, 'SELECT count(*) AS n FROM tickets WHERE id > ?', [-1]),
      queryOne<{ id: number; status: string }>(store, 'SELECT id, status FROM worker_status WHERE id = ?', [1]),
      queryAll(store, 'SELECT * FROM tickets WHERE subject = ? LIMIT ?', [null, 3]),
    ]);
    expect(texts.map((t) => t?.v)).toEqual(strange);
    expect(number).toEqual({ n: 0 });
    expect(row).toMatchObject({ id: 1, status: 'idle' });
    expect(none).toEqual([]);
    expect(sent()).toBe(1);
  });

  it('fail one by one: a failing read rejects with its own error and the others still answer', async () => {
    const store = await tempPostgresStore();
    const [good, bad, other] = await Promise.allSettled([
      queryOne<{ v: number }>(store, 'SELECT 1 AS v WHERE ? = ?', ['a', 'a']),
      queryAll(store, 'SELECT * FROM no_such_table WHERE id = ?', [1]),
      queryAll<{ key: string }>(store, 'SELECT key FROM sync_state WHERE key = ?', ['nothing']),
    ]);
    expect(good).toEqual({ status: 'fulfilled', value: { v: 1 } });
    expect(bad).toMatchObject({ status: 'rejected', reason: { message: expect.stringMatching(/no_such_table/) } });
    expect(other).toEqual({ status: 'fulfilled', value: [] });
  });

  it('read values the server types from where they stand, as parameters are', async () => {
    const store = await tempPostgresStore();
    const [typed] = await Promise.all([
      queryOne<{ id: number; n: number; day: string }>(store, 'SELECT id, ?::bigint + 1 AS n, ? AS day FROM worker_status WHERE id = ? LIMIT ?', [41, '2026-11-30', 1, 1]),
      queryOne(store, 'SELECT 1'),
    ]);
    expect(typed).toEqual({ id: 1, n: 42, day: '2026-11-30' });
  });

  it('hand the reads behind a gate their rows in the same round trip when the gate passes', async () => {
    const store = await tempPostgresStore();
    const sent = countQueries(store.pool);
    const gate = batchedRead<{ v: number }>(store.pool, 'SELECT 1 AS v', [], numbered, (rows) => rows[0]?.v === 1);
    const behind = queryOne<{ status: string }>(store, 'SELECT status FROM worker_status WHERE id = ?', [1]);
    expect(await gate).toEqual([{ v: 1 }]);
    expect(await behind).toEqual({ status: 'idle' });
    expect(sent()).toBe(1);
  });

  it('give the reads behind a gate no rows when its rows do not pass it', async () => {
    const store = await tempPostgresStore();
    const sent = countQueries(store.pool);
    const before = queryOne<{ v: number }>(store, 'SELECT 7 AS v');
    const gate = batchedRead<{ v: number }>(store.pool, 'SELECT 2 AS v', [], numbered, (rows) => rows[0]?.v === 1);
    const behind = Promise.allSettled([queryOne(store, 'SELECT status FROM worker_status WHERE id = ?', [1]), queryAll(store, 'SELECT key FROM sync_state')]);
    expect(await before).toEqual({ v: 7 }); // issued before the gate: not guarded by it
    expect(await gate).toEqual([{ v: 2 }]);
    for (const read of await behind) expect(read).toMatchObject({ status: 'rejected', reason: expect.any(GateClosedError) });
    expect(sent()).toBe(1);
  });

  it('send nothing behind a gate that fails: the gate alone is asked again, for its own error', async () => {
    const store = await tempPostgresStore();
    const sent = countQueries(store.pool);
    const gate = batchedRead(store.pool, 'SELECT version FROM no_such_table', [], numbered, () => true);
    const behind = queryOne(store, 'SELECT status FROM worker_status WHERE id = ?', [1]);
    const [gated, read] = await Promise.allSettled([gate, behind]);
    expect(gated).toMatchObject({ status: 'rejected', reason: { code: '42P01' } });
    expect(read).toMatchObject({ status: 'rejected', reason: expect.any(GateClosedError) });
    expect(sent()).toBe(2); // the batch, then the gate on its own; the read behind it never went
  });
});

