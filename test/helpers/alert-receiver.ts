import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { onTestFinished } from 'vitest';

/** One request the stand-in saw. */
export interface ReceivedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** How the stand-in answers one request: a status (with headers and body), or never (a hang). */
export type Answer = { status: number; headers?: Record<string, string>; body?: string } | 'hang';

/**
 * A loopback stand-in for a Slack incoming webhook or any alert webhook: records every request and
 * answers from `answers` in order (then 200 "ok", as Slack does). Closed when the test finishes,
 * hanging connections included.
 */
export async function alertReceiver(answers: Answer[] = []) {
  const received: ReceivedRequest[] = [];
  const queue = [...answers];
  const waiting: Array<() => void> = [];
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (d: string) => (body += d));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body });
      for (const wake of waiting.splice(0)) wake();
      const answer = queue.shift() ?? { status: 200, body: 'ok' };
      if (answer === 'hang') return;
      res.writeHead(answer.status, { 'content-type': 'text/plain', ...answer.headers });
      res.end(answer.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  onTestFinished(close);
  return {
    /** A URL whose path looks like a Slack webhook's secret part. */
    url: `http://127.0.0.1:${port}/services/T000/B000/secretpart`,
    received,
    /** More answers, for the requests still to come. */
    answer: (...more: Answer[]) => queue.push(...more),
    /** Resolves once `count` requests have arrived. */
    async until(count: number): Promise<void> {
      while (received.length < count) await new Promise<void>((resolve) => waiting.push(resolve));
    },
    close,
  };
}
