import type { FastifyInstance } from 'fastify';

/**
 * How the API reads request bodies, as the FastAPI service it replaces did:
 * - JSON with an empty body (`curl -X POST -H 'Content-Type: application/json'` and no `-d`)
 *   is no body, so every option takes its default; fastify would answer 400.
 * - Everything else is fastify's own JSON parser, which refuses `__proto__` and `constructor`
 *   keys (prototype poisoning).
 * A body of another type (`curl -d` without `-H`, a form) is refused by fastify before any
 * route runs; errorBody answers it 400 (http-errors.ts). It is never read as JSON: a web page can
 * send a form or text/plain to 127.0.0.1 without asking (no CORS preflight), and serve on
 * loopback needs no token, so reading those as JSON would let any page start a paid run.
 */
export function readJsonBodies(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  // Only JSON: fastify would also take text/plain as a string, which no route here accepts.
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if ((body as string).trim() === '') return done(null, undefined);
    parseJson(request, body as string, done);
  });
}
