import type { FastifyPluginAsync } from 'fastify';

export interface HealthRouteOptions {
  version: string;
}

/** GET /api/health: a liveness probe. Open even when a token is set (monitors hold no secret). */
export const healthRoute: FastifyPluginAsync<HealthRouteOptions> = async (app, opts) => {
  app.get(
    '/health',
    {
      schema: {
        summary: 'the server is up',
        tags: ['server'],
        security: [],
        response: {
          200: { type: 'object', properties: { ok: { type: 'boolean', enum: [true] }, version: { type: 'string' } }, required: ['ok', 'version'] },
        },
      },
    },
    async () => ({ ok: true, version: opts.version }),
  );
};
