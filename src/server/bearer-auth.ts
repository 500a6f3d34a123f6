import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Secret } from '../secret.js';
import { errorBody } from './http-errors.js';

/**
 * An onRequest hook that lets a request through only with `Authorization: Bearer <token>`,
 * and answers 401 otherwise. The comparison is constant-time over SHA-256 digests, so neither
 * the token's content nor its length leaks through timing. The token never reaches a response
 * or a log line.
 */
export function bearerAuth(token: Secret) {
  const expected = digest(token.reveal());
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const header = request.headers.authorization ?? '';
    const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
    if (match && timingSafeEqual(digest(match[1]!), expected)) return;
    // RFC 6750 §3: say which scheme is wanted, and whether a token was given but refused.
    reply.header('www-authenticate', match ? 'Bearer error="invalid_token"' : 'Bearer');
    await reply
      .code(401)
      .send(errorBody(401, match ? 'the bearer token is not the one in ISSUETRACK_API_TOKEN' : 'send Authorization: Bearer <ISSUETRACK_API_TOKEN>'));
  };
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
