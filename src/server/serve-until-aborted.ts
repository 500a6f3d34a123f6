import type { Deps } from '../deps.js';
import { ConfigError, UnavailableError, oneLineMessage } from '../errors.js';
import type { Secret } from '../secret.js';
import { buildApp } from './app.js';
import { assertBindAllowed, listenUrl } from './bind-policy.js';

export interface ServeOptions {
  host: string;
  port: number;
  token: Secret | undefined;
  logRequests: boolean;
  /** Called once the socket listens, with the URL (the real port when 0 was asked for). */
  onListening: (url: string) => void;
}

/**
 * Serves the API until `deps.signal` aborts (SIGINT/SIGTERM), then stops accepting, lets the
 * runs it started record themselves cancelled and release the lease, closes the app and the
 * connections, and throws the signal's reason (InterruptedError: exit 130/143). Never returns.
 * Throws ConfigError (78) before listening when the address is not loopback and no token is
 * set, or the address cannot be bound; UnavailableError (69) when the port is taken.
 */
export async function serveUntilAborted(deps: Deps, opts: ServeOptions): Promise<never> {
  assertBindAllowed(opts.host, opts.token);
  const app = await buildApp(deps, { token: opts.token, logRequests: opts.logRequests });
  try {
    try {
      await app.listen({ host: opts.host, port: opts.port });
    } catch (error) {
      throw listenError(error, opts.host, opts.port);
    }
    const address = app.server.address();
    opts.onListening(listenUrl(opts.host, typeof address === 'object' && address ? address.port : opts.port));
    await aborted(deps.signal);
  } finally {
    await app.close();
  }
  throw deps.signal.reason;
}

function aborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

/** One line naming the address; exit 69 for a port in use (retry later), 78 for an unusable address. */
function listenError(error: unknown, host: string, port: number): Error {
  const code = (error as NodeJS.ErrnoException).code;
  const where = `${host}:${port}`;
  if (code === 'EADDRINUSE') return new UnavailableError(`cannot serve on ${where}: the port is in use (choose another with --port)`, { cause: error });
  if (code === 'EACCES') return new ConfigError(`cannot serve on ${where}: permission denied (ports below 1024 need privileges)`, { cause: error });
  return new ConfigError(`cannot serve on ${where}: ${oneLineMessage(error)}`, { cause: error });
}
