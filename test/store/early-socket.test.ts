import { once } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { earlySocket } from '../../src/store/postgres/early-socket.js';
import { parsePostgresUrl } from '../../src/store/postgres/postgres-url.js';

const target = (url: string) => parsePostgresUrl(url, undefined);
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

async function listening(): Promise<{ server: Server; port: number; accepted: Promise<Socket> }> {
  const server = createServer();
  const accepted = once(server, 'connection').then(([s]) => s as Socket);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  cleanups.push(() => server.close());
  accepted.then((s) => cleanups.push(() => s.destroy()), () => undefined);
  return { server, port: (server.address() as { port: number }).port, accepted };
}

/** A port nothing listens on: one a server held and let go. */
async function closedPort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('earlySocket', () => {
  it('connects before pg asks, hands pg that socket once, then new ones', async () => {
    const { port, accepted } = await listening();
    const early = (await earlySocket(target(`postgresql://u@127.0.0.1:${port}/x`)))!;
    const serverSide = await accepted; // the server accepted before anyone called stream()
    const first = early.stream();
    cleanups.push(() => first.destroy());
    if (first.connecting) await once(first, 'connect');
    // pg calls connect() on the stream it gets and waits for 'connect': it must still come.
    const connected = once(first, 'connect');
    expect(first.connect(port, '127.0.0.1')).toBe(first);
    await connected;
    first.write('ping');
    const [data] = await once(serverSide, 'data');
    expect(String(data)).toBe('ping');
    const second = early.stream();
    expect(second).not.toBe(first);
    expect(second.pending).toBe(true); // new and unconnected: pg connects it itself
    second.destroy();
  });

  it('passes on a refusal that came before pg took the socket, as an error event pg hears', async () => {
    const port = await closedPort();
    const early = (await earlySocket(target(`postgresql://u@127.0.0.1:${port}/x`)))!;
    const socket = early.stream();
    await new Promise((resolve) => socket.once('close', resolve)); // refused and closed before pg listens
    const heard = once(socket, 'error');
    socket.connect(port, '127.0.0.1');
    const [error] = await heard;
    expect((error as NodeJS.ErrnoException).code).toBe('ECONNREFUSED');
  });

  it('closes the socket when the open fails before pg takes it', async () => {
    const { port, accepted } = await listening();
    const early = (await earlySocket(target(`postgresql://u@127.0.0.1:${port}/x`)))!;
    const serverSide = await accepted;
    early.drop();
    await once(serverSide, 'end');
  });

  it('leaves the connection to pg without both a TCP host and a port (PGPORT, socket folders)', async () => {
    expect(await earlySocket(target('postgresql://u@db.example.com/x'))).toBeUndefined();
    expect(await earlySocket(target('postgresql://u@localhost:5432/x?host=/var/run/postgresql'))).toBeUndefined();
    expect(await earlySocket(target('postgresql://u@127.0.0.1/x'))).toBeUndefined();
  });
});
