import { createServer, type Socket } from 'node:net';
import { Duplex } from 'node:stream';

/*
 * A PostgreSQL server scripted in memory, for build.mjs's code caches only (nothing at run time
 * loads this file): a V8 code cache holds the functions its process compiled, and the build has no
 * server for pg or `status` to talk to, so the code they run against one was compiled from source
 * at every `status` on PostgreSQL. It speaks the protocol as PostgreSQL does
 * (https://www.postgresql.org/docs/current/protocol-flow.html): no TLS ('N' to an SSLRequest), a
 * login it trusts, and each simple-protocol Query answered by `answer` (its statements' results,
 * or an error), then ReadyForQuery.
 */

/** The messages that answer one Query message (its text), before ReadyForQuery. */
export type Answer = (query: string) => Buffer[];

/**
 * An empty database, as PostgreSQL answers `status` there: a statement that reads
 * issuetrack_schema fails (42P01, undefined_table), which ends its Query message; any other
 * (the list of tables) has no rows. `status` then reports the database as missing, exit 0, having
 * connected, sent its batch of reads behind the schema check, and checked the schema again alone.
 */
export const emptyDatabase: Answer = (query) =>
  query.includes('issuetrack_schema') ? failure('42P01', 'relation "issuetrack_schema" does not exist') : result([['tablename', 19]], []);

/** One connection to the scripted server, as a stream that stands in for pg's net.Socket (pg's `stream` option). */
export function scriptedConnection(answer: Answer): Duplex {
  const connection = new Duplex({
    read() {},
    write(chunk: Buffer, _encoding, done) {
      receive(chunk);
      done();
    },
  });
  const receive = conversation(answer, (bytes) => connection.push(bytes));
  // What pg calls on a net.Socket.
  Object.assign(connection, {
    connect: () => process.nextTick(() => connection.emit('connect')),
    setNoDelay: () => connection,
    setKeepAlive: () => connection,
    ref: () => connection,
    unref: () => connection,
  });
  return connection;
}

/** The scripted server on a free loopback port, for a client that opens its own TCP connection (`status`). */
export async function listenScripted(answer: Answer): Promise<{ port: number; close(): void }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    const receive = conversation(answer, (bytes) => (bytes ? socket.write(bytes) : socket.end()));
    socket.on('data', receive);
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the scripted server has no port');
  return {
    port: address.port,
    close: () => {
      for (const socket of sockets) socket.destroy();
      server.close();
    },
  };
}

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;

/** The server's side of one connection: takes the client's bytes, sends the answers (null: the end). */
function conversation(answer: Answer, send: (bytes: Buffer | null) => void): (chunk: Buffer) => void {
  let started = false;
  let pending = Buffer.alloc(0);
  return (chunk) => {
    pending = Buffer.concat([pending, chunk]);
    for (;;) {
      // The startup message (and an SSLRequest before it) has no type byte; every later message has one.
      const head = started ? 1 : 0;
      if (pending.length < head + 4) return;
      const end = head + pending.readInt32BE(head);
      if (pending.length < end) return;
      const message = pending.subarray(0, end);
      pending = pending.subarray(end);
      if (!started) {
        const code = message.readInt32BE(4);
        if (code === SSL_REQUEST || code === GSSENC_REQUEST) send(Buffer.from('N'));
        else {
          started = true;
          send(startupAnswer());
        }
      } else if (message[0] === 0x51 /* Q */) send(Buffer.concat([...answer(message.toString('utf8', 5, end - 1)), ready()]));
      else if (message[0] === 0x58 /* X */) return send(null);
    }
  };
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

/** A statement's result: its columns (name, type oid), its rows (text, or null), and its command tag. */
export function result(columns: [string, number][], rows: (string | null)[][]): Buffer[] {
  const described = columns.map(([name, type]) => Buffer.concat([cstring(name), int32(0), int16(0), int32(type), int16(-1), int32(-1), int16(0)]));
  return [
    message('T', int16(columns.length), ...described),
    ...rows.map((row) => message('D', int16(row.length), ...row.map((v) => (v === null ? int32(-1) : Buffer.concat([int32(Buffer.byteLength(v)), Buffer.from(v)]))))),
    message('C', cstring(`SELECT ${rows.length}`)),
  ];
}

/** An ErrorResponse with SQLSTATE `code`: it ends the Query message's statements, as on a server. */
export function failure(code: string, text: string): Buffer[] {
  return [message('E', cstring('SERROR'), cstring('VERROR'), cstring(`C${code}`), cstring(`M${text}`), Buffer.alloc(1))];
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
