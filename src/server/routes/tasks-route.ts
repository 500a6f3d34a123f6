import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { Deps } from '../../deps.js';
import { commonErrors, errorSchema, taskStartedSchema } from '../response-schemas.js';
import type { TaskPlan } from '../../pipeline/task-plans.js';
import type { RunLauncher } from '../run-launcher.js';
import { analyzePlan, pipelinePlan, syncPlan, trendsPlan, type AnalyzeBody, type PipelineBody, type SyncBody, type TrendsBody } from '../../pipeline/task-plans.js';
import { analyzeBodySchema, pipelineBodySchema, syncBodySchema, trendsBodySchema } from '../task-schemas.js';

export interface TasksRouteOptions {
  deps: Deps;
  launcher: RunLauncher;
}

const responses = {
  202: taskStartedSchema,
  409: { ...errorSchema, description: 'another run holds the worker lease; the message names it' },
  503: { ...errorSchema, description: 'the server is not configured for this task, or is shutting down' },
  ...commonErrors,
} as const;

/**
 * POST /api/tasks/{sync,analyze,trends,pipeline}: starts the task in the server process under the
 * worker lease and answers 202 once the lease is taken; the run goes on in the background (poll
 * GET /api/runs/{run_id}). 409 while any run, in any process, holds the lease.
 */
export const tasksRoute: FastifyPluginAsync<TasksRouteOptions> = async (app, { deps, launcher }) => {
  const start = async (plan: TaskPlan, reply: FastifyReply) => {
    const { runId } = await launcher.start(plan);
    return reply.code(202).header('location', `/api/runs/${runId}`).send({ run_id: runId, task: plan.task, status: 'running' });
  };
  // A bare `curl -X POST` has no body at all: read it as {} so every option takes its default.
  app.addHook('preValidation', async (request) => {
    request.body ??= {};
  });
  const schema = (summary: string, body: object) => ({ summary, tags: ['tasks'], body, response: responses });

  app.post<{ Body: SyncBody }>('/tasks/sync', { schema: schema('fetch new and changed Zendesk tickets (`issuetrack sync`)', syncBodySchema) }, (request, reply) =>
    start(syncPlan(deps, request.body), reply),
  );
  app.post<{ Body: AnalyzeBody }>('/tasks/analyze', { schema: schema('extract product issues with Claude (`issuetrack analyze`)', analyzeBodySchema) }, (request, reply) =>
    start(analyzePlan(deps, request.body), reply),
  );
  app.post<{ Body: TrendsBody }>('/tasks/trends', { schema: schema('update themes and rising flags (`issuetrack trends`)', trendsBodySchema) }, (request, reply) =>
    start(trendsPlan(deps, request.body), reply),
  );
  app.post<{ Body: PipelineBody }>('/tasks/pipeline', { schema: schema('sync, analyze, trends under one lease (`issuetrack pipeline`)', pipelineBodySchema) }, (request, reply) =>
    start(pipelinePlan(deps, request.body), reply),
  );
};
