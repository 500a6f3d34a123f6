import type { Socket } from 'node:net';
import { nodeRequire } from '../../node-require.js';
import type { PostgresTarget } from './postgres-url.js';

export interface EarlySocket {
  /** For pg's `stream` option: the early socket first, new sockets after. */
  stream(): Socket;
  /** Closes the early socket if pg never took it (the open failed before it connected). */
  drop(): void;
}

/**
 * A TCP connection to the server begun before pg loads, for pg's `stream` option. The server
 * starts a process for each connection as it accepts it (PostgreSQL forks a backend there, ~3-5
 * ms here) and loading pg takes the client ~10 ms: begun first, the two overlap instead of one
 * waiting for the other (the first connection of every command; `status` has no other). The
 * first call returns that socket, with a `connect` that pg may call as on a new one; later calls
 * (the pool's other connections, the plain retry of sslmode=prefer) return new sockets, which pg
 * connects itself.
 *
 * Only where pg's own choice of address is known: the URL names a TCP host and a port (without
 * one, pg takes PGPORT or 5432, and a socket folder host is a Unix socket): undefined otherwise.
 * An error before pg takes the socket (a refused connection) is given to pg when it does, so it
 * fails as it would have on its own socket. Resolves once the connection is under way.
 */
export async function earlySocket(target: PostgresTarget): Promise<EarlySocket | undefined> {
  const { host, port } = target;
  if (host === undefined || host === '' || host.startsWith('/') || port === undefined) return undefined;
  const net = nodeRequire('node:net') as typeof import('node:net');
  const socket = net.connect({ host, port });
  // Node makes the connect call (or starts the name lookup) in a process.nextTick: resolving after
  // it, in the next one, lets it happen before the caller goes on to load pg.
  await new Promise<void>((resolve) => process.nextTick(resolve));
  let failure: Error | undefined;
  const keep = (error: Error) => void (failure ??= error);
  socket.on('error', keep); // until pg listens: an unheard 'error' would end the process
  let taken = false;
  return {
    stream: () => {
      if (taken) return new net.Socket();
      taken = true;
      socket.connect = function connect(this: Socket) {
        socket.off('error', keep);
        // pg listens for 'connect' (or 'error') right after this call: tell it what already happened.
        if (failure) process.nextTick(() => socket.emit('error', failure));
        else if (!socket.connecting) process.nextTick(() => socket.emit('connect'));
        return this;
      } as Socket['connect'];
      return socket;
    },
    drop: () => {
      if (!taken) socket.destroy();
      taken = true;
    },
  };
}
