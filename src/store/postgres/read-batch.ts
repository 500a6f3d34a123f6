import type { Pool, QueryResult } from 'pg';

/*
 * Reads issued together travel together (issue 16, `status` on PostgreSQL). `status` makes some
 * twenty small reads; one network round trip each cost more than the reads themselves, and reads
 * issued at once took a second pooled connection (a second TLS handshake). Reads of raw-query.ts
 * that are issued within one turn of the event loop are queued and sent when it ends as one
 * simple-protocol message of several statements, on one connection, in one round trip; the
 * server answers each statement in order. When a batch fails for any reason (one statement's
 * error aborts the rest), every read of it is sent again on its own, so each caller gets its own
 * rows or its own error, as without batching. A read alone in its turn goes as it always did.
 *
 * The simple protocol takes no parameters: each `?` is written as a quoted literal. A quoted
 * literal has no type until the server infers one from where it stands, as it does for an
 * untyped parameter (pg sends parameters as text with no type), so the statement means the same.
 * Only strings (without NUL), finite numbers, bigints and NULL are written so; a batch holding a
 * read with any other value sends all its reads one by one, with parameters. Quoting is only
 * sound in UTF-8; pg's startup message asks for client_encoding UTF8 whatever the role's or
 * database's default (pg-protocol's serializer), and nothing here changes it.
 */

interface Read {
  sql: string;
  params: readonly unknown[];
  resolve(rows: unknown[]): void;
  reject(error: unknown): void;
  gate?: (rows: unknown[]) => boolean;
}

/**
 * What the reads issued after a gate in its turn reject with when the gate's rows did not pass
 * it, or the gate failed: they get no rows, and are not sent on their own.
 */
export class GateClosedError extends Error {
  constructor() {
    super('not read: the check sent before this read did not pass');
    this.name = 'GateClosedError';
  }
}

const waiting = new WeakMap<Pool, Read[]>();

/**
 * The rows of `sql` (`?` placeholders, `numbered` for the extended protocol), sent with the reads
 * issued in the same turn of the event loop. Rejects with the read's own error.
 *
 * With `gate`, this read guards those issued after it in its turn: they travel with it, but get
 * their rows only when `gate` passes this read's rows; when it does not, or this read fails,
 * they reject with GateClosedError (and when the batch fails, they are not sent on their own).
 * A schema check goes first so that what reads behind it never sees rows of a schema it does
 * not know (open-postgres.ts).
 */
export function batchedRead<T>(pool: Pool, sql: string, params: readonly unknown[], numbered: (sql: string) => string, gate?: (rows: T[]) => boolean): Promise<T[]> {
  return new Promise<unknown[]>((resolve, reject) => {
    let reads = waiting.get(pool);
    if (!reads) {
      reads = [];
      waiting.set(pool, reads);
      // setImmediate, not a microtask: readers that awaited an earlier batch resume in
      // microtasks, and their next reads join this one.
      setImmediate(() => void flush(pool, reads!, numbered));
    }
    reads.push({ sql, params, resolve, reject, gate: gate as Read['gate'] });
  }) as Promise<T[]>;
}

async function flush(pool: Pool, reads: Read[], numbered: (sql: string) => string): Promise<void> {
  waiting.delete(pool);
  const texts = reads.length > 1 ? reads.map((r) => inlined(r.sql, r.params)) : [];
  if (texts.length > 1 && texts.every((t) => t !== undefined)) {
    try {
      const results = (await pool.query(texts.join(';\n'))) as unknown as QueryResult[];
      if (Array.isArray(results) && results.length === reads.length) {
        let open = true;
        reads.forEach((r, i) => {
          if (!open) return r.reject(new GateClosedError());
          r.resolve(results[i]!.rows);
          if (r.gate && !r.gate(results[i]!.rows)) open = false;
        });
        return;
      }
    } catch {
      // Sent again one by one below: each read then fails (or not) on its own.
    }
  }
  await oneByOne(reads, (r) => pool.query(numbered(r.sql), r.params as unknown[]).then((result) => result.rows as unknown[]));
}

/** Sends each read on its own; the reads after a gate only once it passed (see batchedRead). */
async function oneByOne(reads: Read[], send: (read: Read) => Promise<unknown[]>): Promise<void> {
  const at = reads.findIndex((r) => r.gate);
  for (const r of at < 0 ? reads : reads.slice(0, at)) send(r).then(r.resolve, r.reject);
  if (at < 0) return;
  const gate = reads[at]!;
  const passed = await send(gate).then(
    (rows) => {
      gate.resolve(rows);
      return gate.gate!(rows);
    },
    (error: unknown) => {
      gate.reject(error);
      return false;
    },
  );
  const after = reads.slice(at + 1);
  if (passed) return oneByOne(after, send);
  for (const r of after) r.reject(new GateClosedError());
}

/** `sql` with each `?` replaced by its value as a quoted literal; undefined when a value has no such form. */
export function inlined(sql: string, params: readonly unknown[]): string | undefined {
  const literals = params.map(literal);
  if (literals.some((l) => l === undefined)) return undefined;
  let n = 0;
  const text = sql.replace(/\?/g, () => literals[n++] ?? '?');
  return n === params.length ? text : undefined;
}

function literal(value: unknown): string | undefined {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number') return Number.isFinite(value) ? quote(String(value)) : undefined;
  if (typeof value === 'bigint') return quote(String(value));
  if (typeof value === 'string') return value.includes('\0') ? undefined : quote(value); // a NUL would end the message
  return undefined;
}

/**
 * A string literal meaning `text` whatever standard_conforming_strings says, as pg's own
 * escapeLiteral writes it: quotes doubled, and with a backslash, E'' with backslashes doubled.
 */
export function quote(text: string): string {
  const quoted = text.replace(/'/g, "''");
  return text.includes('\\') ? ` E'${quoted.replace(/\\/g, '\\\\')}'` : `'${quoted}'`;
}
