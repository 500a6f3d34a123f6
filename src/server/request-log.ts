import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * An onResponse hook that hands one plain line per request to `write`: method, path, status and
 * time, nothing else. No headers (the bearer token travels in one), no bodies, and no query
 * string (a client may put `?token=…` there).
 */
export function requestLog(write: (line: string) => void) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    write(`${request.method} ${pathOnly(request.url)} ${reply.statusCode} ${reply.elapsedTime.toFixed(1)} ms`);
  };
}

/** A request URL fit for a log: the path without its query string or fragment. */
export function pathOnly(url: string): string {
  const end = url.search(/[?#]/);
  return end === -1 ? url : url.slice(0, end);
}
