import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { Deps } from '../../deps.js';
import { commonErrors, errorSchema } from '../response-schemas.js';
import { taskBusySchema, taskStartedSchema } from '../source-schemas.js';
import type { TaskPlan } from '../../pipeline/task-plans.js';
import type { RunLauncher } from '../run-launcher.js';
import { analyzePlan, pipelinePlan, syncPlan, trendsPlan, type AnalyzeBody, type PipelineBody, type SyncBody, type TrendsBody } from '../../pipeline/task-plans.js';
import { analyzeBodySchema, pipelineBodySchema, syncBodySchema, trendsBodySchema } from '../task-schemas.js';

export interface TasksRouteOptions {
  deps: Deps;
  launcher: RunLauncher;
}

const responses = {
  200: taskStartedSchema,
  400: {
    oneOf: [taskBusySchema, errorSchema],
    description: '"Task already running" (another run holds the worker lease; `running` names it), or a body that breaks its schema',
  },
  503: { ...errorSchema, description: 'the server is not configured for this task, or is shutting down' },
  401: commonErrors[401],
} as const;

/**
 * POST /api/tasks/{sync,analyze,trends,pipeline}: the source service's contract. Starts the task
 * in the server process under the worker lease and answers 200 once the lease is taken; the run
 * goes on in the background (GET /api/tasks/worker/status, GET /api/runs/{run_id}). While any
 * run, in any process, holds the lease: 400 `{"detail": "Task already running", …}`.
 */
export const tasksRoute: FastifyPluginAsync<TasksRouteOptions> = async (app, { deps, launcher }) => {
  const start = async (plan: TaskPlan, reply: FastifyReply) => {
    const { runId } = await launcher.start(plan);
    return reply
      .code(200)
      .header('location', `/api/runs/${runId}`)
      .send({ status: 'started', task: plan.task, run_id: runId, message: `${plan.task} task started` });
  };
  // A bare `curl -X POST` has no body at all: read it as {} so every option takes its default.
  app.addHook('preValidation', async (request) => {
    request.body ??= {};
  });
  const schema = (summary: string, body: object) => ({ summary, tags: ['tasks'], body, response: responses });

  app.post<{ Body: SyncBody }>('/tasks/sync', { schema: schema('fetch new and changed Zendesk tickets (`issuetrack sync`); backfill_days null: incremental', syncBodySchema) }, (request, reply) =>
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
