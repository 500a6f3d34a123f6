import { Duplex } from 'node:stream';
import type { PoolConfig } from 'pg';

/*
 * What build.mjs runs to write dist/fast/pg.cjs's code cache (fast-status-start.ts): a cache holds
 * the functions its process compiled, and loading pg compiles little of what `status` then runs
 * (the pool, the client, the protocol's serializer and parser, the result): V8 compiled those from
 * source at every `status` on PostgreSQL (~9M instructions of ~210M, callgrind). The build has no
 * server to connect to, so pg talks here to a scripted one in memory, speaking the protocol as
 * PostgreSQL does for `status` (https://www.postgresql.org/docs/current/protocol-flow.html): a
 * startup the server trusts, then one simple-protocol message of several statements, answered
 * statement by statement. Build-only: nothing at run time loads this file.
 */

type Pg = Pick<typeof import('pg'), 'Pool'>;

/** The rows each statement of the exchange answers with, as pg returns them (checked). */
const EXPECTED = [[{ version: 1 }], [{ tickets: '20000', name: 'issuetrack', missing: null }], []];

/**
 * Connects a pool of `pg` to the scripted server as open-postgres.ts connects one (the options
 * it sets, a checkout and release, a batch of reads through pool.query, the end), and throws when
 * pg did not read back what the server said: a protocol the script got wrong fails the build's
 * cache step loudly rather than caching an error path.
 */
export async function exercisePg(pg: Pg): Promise<void> {
  const config: PoolConfig = {
    host: '127.0.0.1',
    port: 5432,
    user: 'issuetrack',
    database: 'issuetrack',
    ssl: false,
    stream: () => scriptedServer() as never,
    max: 5,
    connectionTimeoutMillis: 10_000,
    application_name: 'issuetrack',
    allowExitOnIdle: true,
    options: '-c default_transaction_read_only=on',
  };
  const pool = new pg.Pool(config);
  try {
    (await pool.connect()).release();
    const results = (await pool.query('SELECT 1; SELECT 2; SELECT 3')) as unknown as { rows: unknown[] }[];
    const rows = JSON.stringify(results.map((r) => r.rows));
    if (rows !== JSON.stringify(EXPECTED)) throw new Error(`pg read ${rows} from the scripted server`);
  } finally {
    await pool.end();
  }
}

/** A stream that answers pg as a PostgreSQL server that trusts the login would. */
function scriptedServer(): Duplex {
  let started = false;
  let pending = Buffer.alloc(0);
  const server = new Duplex({
    read() {},
    write(chunk: Buffer, _encoding, done) {
      pending = Buffer.concat([pending, chunk]);
      for (;;) {
        // The startup message has no type byte; every later message has one.
        const head = started ? 1 : 0;
        if (pending.length < head + 4) break;
        const end = head + pending.readInt32BE(head);
        if (pending.length < end) break;
        const type = started ? String.fromCharCode(pending[0]!) : 'startup';
        pending = pending.subarray(end);
        started = true;
        if (type === 'startup') server.push(startupAnswer());
        else if (type === 'Q') server.push(queryAnswer());
        else if (type === 'X') server.push(null);
      }
      done();
    },
  });
  // What pg calls on a net.Socket, which this stands in for.
  Object.assign(server, {
    connect: () => process.nextTick(() => server.emit('connect')),
    setNoDelay: () => server,
    setKeepAlive: () => server,
    ref: () => server,
    unref: () => server,
  });
  return server;
}

function startupAnswer(): Buffer {
  const parameters = { client_encoding: 'UTF8', server_version: '15.0', standard_conforming_strings: 'on', integer_datetimes: 'on', DateStyle: 'ISO, MDY', TimeZone: 'UTC' };
  return Buffer.concat([
    message('R', int32(0)), // AuthenticationOk
    ...Object.entries(parameters).map(([name, value]) => message('S', cstring(name), cstring(value))),
    message('K', int32(4242), int32(7)), // BackendKeyData
    ready(),
  ]);
}

/** The answer to 'SELECT 1; SELECT 2; SELECT 3': an int4, then int8, text and a NULL, then no rows. */
function queryAnswer(): Buffer {
  return Buffer.concat([
    rowDescription([['version', 23]]),
    dataRow(['1']),
    message('C', cstring('SELECT 1')),
    rowDescription([['tickets', 20], ['name', 25], ['missing', 25]]),
    dataRow(['20000', 'issuetrack', null]),
    message('C', cstring('SELECT 1')),
    rowDescription([['id', 23]]),
    message('C', cstring('SELECT 0')),
    ready(),
  ]);
}

function rowDescription(fields: [string, number][]): Buffer {
  const described = fields.map(([name, type]) => Buffer.concat([cstring(name), int32(0), int16(0), int32(type), int16(-1), int32(-1), int16(0)]));
  return message('T', int16(fields.length), ...described);
}

function dataRow(values: (string | null)[]): Buffer {
  const cells = values.map((v) => (v === null ? int32(-1) : Buffer.concat([int32(Buffer.byteLength(v)), Buffer.from(v)])));
  return message('D', int16(values.length), ...cells);
}

function ready(): Buffer {
  return message('Z', Buffer.from('I'));
}

function message(type: string, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  return Buffer.concat([Buffer.from(type), int32(body.length + 4), body]);
}

function cstring(text: string): Buffer {
  return Buffer.from(`${text}\0`);
}

function int32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
}

function int16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeInt16BE(n);
  return b;
}
