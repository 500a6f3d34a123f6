import type { FastifyPluginAsync } from 'fastify';
import { healthSchema } from '../source-schemas.js';

export interface HealthRouteOptions {
  version: string;
}

/**
 * GET /health (the source service's path) and GET /api/health: a liveness probe. Open even when
 * a token is set (monitors hold no secret); says nothing but that the process answers.
 */
export const healthRoute: FastifyPluginAsync<HealthRouteOptions> = async (app, opts) => {
  const schema = { summary: 'the server is up', tags: ['server'], security: [], response: { 200: healthSchema } };
  const answer = async () => ({ status: 'healthy', ok: true, version: opts.version });
  app.get('/health', { schema }, answer);
  app.get('/api/health', { schema }, answer);
};
