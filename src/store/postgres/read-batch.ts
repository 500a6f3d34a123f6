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
}

const waiting = new WeakMap<Pool, Read[]>();

/**
 * The rows of `sql` (`?` placeholders, `numbered` for the extended protocol), sent with the reads
 * issued in the same turn of the event loop. Rejects with the read's own error.
 */
export function batchedRead<T>(pool: Pool, sql: string, params: readonly unknown[], numbered: (sql: string) => string): Promise<T[]> {
  return new Promise<unknown[]>((resolve, reject) => {
    let reads = waiting.get(pool);
    if (!reads) {
      reads = [];
      waiting.set(pool, reads);
      // setImmediate, not a microtask: readers that awaited an earlier batch resume in
      // microtasks, and their next reads join this one.
      setImmediate(() => void flush(pool, reads!, numbered));
    }
    reads.push({ sql, params, resolve, reject });
  }) as Promise<T[]>;
}

async function flush(pool: Pool, reads: Read[], numbered: (sql: string) => string): Promise<void> {
  waiting.delete(pool);
  const texts = reads.length > 1 ? reads.map((r) => inlined(r.sql, r.params)) : [];
  if (texts.length > 1 && texts.every((t) => t !== undefined)) {
    try {
      const results = (await pool.query(texts.join(';\n'))) as unknown as QueryResult[];
      if (Array.isArray(results) && results.length === reads.length) {
        reads.forEach((r, i) => r.resolve(results[i]!.rows));
        return;
      }
    } catch {
      // Sent again one by one below: each read then fails (or not) on its own.
    }
  }
  for (const r of reads) pool.query(numbered(r.sql), r.params as unknown[]).then((result) => r.resolve(result.rows), r.reject);
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
