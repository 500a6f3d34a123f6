import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Deps } from '../deps.js';
import type { Secret } from '../secret.js';
import { bearerAuth } from './bearer-auth.js';
import { exitCodeOf } from '../errors.js';
import { TASK_NAMES } from '../worker/task-names.js';
import { errorHandler, notFoundHandler } from './http-errors.js';
import { readJsonBodies } from './json-body.js';
import { requestLog } from './request-log.js';
import { strictValidatorCompiler } from './strict-validation.js';
import { runLauncher, type RunLauncher } from './run-launcher.js';
import { dashboardRoute } from './routes/dashboard-route.js';
import { healthRoute } from './routes/health-route.js';
import { issuesRoute } from './routes/issues-route.js';
import { metricsRoute } from './routes/metrics-route.js';
import { runsRoute } from './routes/runs-route.js';
import { sourceStatusRoutes } from './routes/source-status-routes.js';
import { statusRoute } from './routes/status-route.js';
import { tasksRoute } from './routes/tasks-route.js';
import { VERSION } from '../version.js';

export interface BuildAppOptions {
  /** ISSUETRACK_API_TOKEN: when set, every route but /health, /api/health and /docs (/metrics too) wants it as a bearer token. */
  token?: Secret;
  /** Hand a plain line per request to deps.reporter.info (--verbose). */
  logRequests?: boolean;
  version?: string;
  /** Tests swap this to hold runs open; defaults to runLauncher(deps). */
  launcher?: RunLauncher;
}

/**
 * The REST API as a fastify instance, ready for `inject()` or `listen()`. Route plugins are
 * registered by name (a bundle has no directory to scan). Closing the app aborts the runs it
 * started and waits until each has recorded itself and released the lease. fastify's own logger
 * is off: request lines go through our reporter, without headers, so no secret reaches a log.
 */
export async function buildApp(deps: Deps, opts: BuildAppOptions = {}): Promise<FastifyInstance> {
  const version = opts.version ?? VERSION;
  const launcher = opts.launcher ?? runLauncher(deps);
  const app = Fastify({
    logger: false,
    bodyLimit: 64 * 1024, // bodies are a task's options
    forceCloseConnections: 'idle', // a browser's idle keep-alive must not hold up shutdown
  });
  // No type coercion in bodies, decimal-only numbers in paths and query strings, unknown fields
  // refused (a misspelt option is a 400, not a run with the default): strict-validation.ts.
  app.setValidatorCompiler(strictValidatorCompiler());
  // The response schemas document; JSON.stringify writes, so an answer is byte for byte what
  // the `--json` command prints (fast-json-stringify would drop unlisted fields and turn null
  // into "" for a field typed string).
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  readJsonBodies(app);
  app.setErrorHandler(
    errorHandler((line, request, error) => {
      deps.reporter.warn(line);
      // A task route's refusal (sync not configured: 503) is logged as the CLI logs a failed
      // task command, so `issuetrack logs --task sync` shows it with its exit code.
      const task = taskOfPath(request.url);
      deps.log?.write({ level: 'error', event: 'server_error', run_id: null, task, ...(task ? { trigger: 'serve', exit_code: exitCodeOf(error) } : {}), message: line });
    }),
  );
  app.setNotFoundHandler(notFoundHandler);
  if (opts.logRequests) app.addHook('onResponse', requestLog((line) => deps.reporter.info(line)));
  app.addHook('onClose', async () => launcher.stopAll());

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'issuetrack',
        version,
        description:
          'The tasks and state of issuetrack over HTTP, with the routes, bodies and answers of the FastAPI service it ' +
          'replaces (/health, /api/tasks/*). Tasks run under the same worker lease as the CLI and cron: a POST answers ' +
          '200 with a run id once the lease is taken, or 400 {"detail": "Task already running", …} while another run holds it. ' +
          'Errors carry FastAPI\'s `detail` beside fastify\'s statusCode, error and message.',
      },
      ...(opts.token
        ? { components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } }, security: [{ bearerAuth: [] }] }
        : {}),
    },
  });
  // FastAPI serves its OpenAPI document here; the source's clients and generators look for it.
  app.get('/openapi.json', { schema: { hide: true } }, () => app.swagger());
  // Assets come from the package's own static/ folder: /docs works without the internet.
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { validatorUrl: null }, staticCSP: true });

  await app.register(healthRoute, { version });
  // The live dashboard: static files from the package that read the /api routes below.
  await app.register(dashboardRoute);
  await app.register(
    async (api) => {
      if (opts.token) api.addHook('onRequest', bearerAuth(opts.token));
      await api.register(statusRoute, { deps });
      await api.register(tasksRoute, { deps, launcher });
      await api.register(sourceStatusRoutes, { deps });
      await api.register(runsRoute, { deps });
      await api.register(issuesRoute, { deps });
    },
    { prefix: '/api' },
  );
  // A scraper's path, outside /api, behind the same token.
  await app.register(async (scope) => {
    if (opts.token) scope.addHook('onRequest', bearerAuth(opts.token));
    await scope.register(metricsRoute, { deps });
  });
  return app;
}

/** The task a /api/tasks/{task} path starts, or null for any other path. */
function taskOfPath(url: string): string | null {
  const match = /^\/api\/tasks\/([a-z]+)(?:[/?]|$)/.exec(url);
  return match && (TASK_NAMES as readonly string[]).includes(match[1]!) ? match[1]! : null;
}
