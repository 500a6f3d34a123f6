import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { Deps } from '../../deps.js';
import { readSchedulerStatus } from '../../schedule/scheduler-status.js';
import { isPidAlive } from '../../worker/pid.js';
import { readWorkerStatusView } from '../../worker/worker-view.js';
import { commonErrors } from '../response-schemas.js';
import { schedulerStatusSchema, workerStatusSchema } from '../source-schemas.js';

/**
 * The source service's two monitor routes, under the paths its users' scripts call:
 * GET /api/tasks/worker/status and GET /api/tasks/scheduler/status. Both answer indented JSON
 * ending in a newline, because `watch -n 5 curl …/worker/status` is how people watch a run: one
 * field per line, redrawn in place. Any JSON parser reads it the same.
 */
export const sourceStatusRoutes: FastifyPluginAsync<{ deps: Deps }> = async (app, { deps }) => {
  const pretty = (reply: FastifyReply, body: unknown) => reply.type('application/json; charset=utf-8').send(JSON.stringify(body, null, 2) + '\n');

  app.get(
    '/tasks/worker/status',
    {
      schema: {
        summary: 'what the worker is doing: idle, running (with progress), completed or failed, and the last result',
        tags: ['tasks'],
        response: { 200: workerStatusSchema, ...commonErrors },
      },
    },
    async (_request, reply) => pretty(reply, await readWorkerStatusView(deps.store, deps.clock.now(), { host: deps.host, isPidAlive })),
  );

  app.get(
    '/tasks/scheduler/status',
    {
      schema: {
        summary: 'the scheduled jobs: cron expression, enabled, next run (with offset), last run and its outcome',
        tags: ['tasks'],
        response: { 200: schedulerStatusSchema, ...commonErrors },
      },
    },
    async (_request, reply) => pretty(reply, await readSchedulerStatus(deps.store, deps.clock.now())),
  );
};
