import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { onTestFinished } from 'vitest';

/**
 * An HTTP server on 127.0.0.1 that accepts every request and never answers: an upstream that
 * has stalled. A task talking to it stays in flight (holding the worker lease) until it is
 * interrupted or killed. Closed, with its sockets, when the test finishes.
 */
export async function startStalledServer(): Promise<{ url: string; requests: () => number }> {
  const pending: ServerResponse[] = [];
  let requests = 0;
  const server = createServer((_req: IncomingMessage, res: ServerResponse) => {
    requests++;
    pending.push(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, requests: () => requests };
}
