import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * An onResponse hook that hands one plain line per request to `write`: method, path, status and
 * time, nothing else. No headers (the bearer token travels in one) and no bodies.
 */
export function requestLog(write: (line: string) => void) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    write(`${request.method} ${request.url} ${reply.statusCode} ${reply.elapsedTime.toFixed(1)} ms`);
  };
}
