import type { FastifyPluginAsync } from 'fastify';
import type { Deps } from '../../deps.js';
import { buildStatusReport } from '../../worker/status-report.js';
import { commonErrors, statusSchema } from '../response-schemas.js';

/** GET /api/status: exactly what `issuetrack status --json` prints. */
export const statusRoute: FastifyPluginAsync<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/status',
    { schema: { summary: 'worker state, scheduled jobs, totals and run metrics (`status --json`)', tags: ['state'], response: { 200: statusSchema, ...commonErrors } } },
    async () => buildStatusReport(deps),
  );
};
