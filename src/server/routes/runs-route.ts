import { TASK_NAMES } from '../../worker/task-names.js';
import type { FastifyPluginAsync } from 'fastify';
import type { Deps } from '../../deps.js';
import type { RunStatus } from '../../store/schema-core.js';
import { errorBody } from '../http-errors.js';
import { commonErrors, errorSchema, runSchema } from '../response-schemas.js';
import { findRun, listRuns } from '../run-queries.js';

interface RunsQuery {
  limit: number;
  task?: string;
  status?: RunStatus;
}

/** GET /api/runs and GET /api/runs/{run_id}: run records, whoever started them (API, CLI, cron). */
export const runsRoute: FastifyPluginAsync<{ deps: Deps }> = async (app, { deps }) => {
  app.get<{ Querystring: RunsQuery }>(
    '/runs',
    {
      schema: {
        summary: 'recent runs, newest first',
        tags: ['runs'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            limit: { type: 'integer', minimum: 1, maximum: 1000, default: 20 },
            task: { type: 'string', enum: [...TASK_NAMES] },
            status: { type: 'string', enum: ['running', 'completed', 'failed', 'cancelled'] },
          },
        },
        response: { 200: { type: 'array', items: runSchema }, ...commonErrors },
      },
    },
    async (request) => listRuns(deps.db, request.query),
  );

  app.get<{ Params: { run_id: string } }>(
    '/runs/:run_id',
    {
      schema: {
        summary: 'one run: its status while it goes on, then its result or error',
        tags: ['runs'],
        params: { type: 'object', properties: { run_id: { type: 'string', maxLength: 100 } }, required: ['run_id'] },
        response: { 200: runSchema, 404: errorSchema, ...commonErrors },
      },
    },
    async (request, reply) => {
      const run = await findRun(deps.db, request.params.run_id);
      if (run) return run;
      return reply.code(404).send(errorBody(404, `no run ${request.params.run_id} (see GET /api/runs)`));
    },
  );
};
