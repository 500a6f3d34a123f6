import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ConfigError, IssuetrackError, LeaseHeldError, UsageError, oneLineMessage } from '../errors.js';
import { terminalSafe } from '../output/terminal-text.js';
import { pathOnly } from './request-log.js';
import { ServerClosingError } from './run-launcher.js';

/**
 * The source service's refusal, word for word: its scripts match on this `detail` (FastAPI's
 * `HTTPException(400, "Task already running")`). Who holds the lease goes in fields beside it.
 */
export const TASK_ALREADY_RUNNING = 'Task already running';

/** An answer's status for our errors: the exit table (DESIGN.md) read as HTTP. */
export function httpStatusOf(error: unknown): number {
  // exit 75 (busy, retry later); 400 rather than 409 because the source service answered 400.
  if (error instanceof LeaseHeldError) return 400;
  if (error instanceof UsageError) return 400; // exit 64
  if (error instanceof ConfigError || error instanceof ServerClosingError) return 503; // the server cannot do it as configured
  if (error instanceof IssuetrackError) return 500;
  const status = (error as Partial<FastifyError>).statusCode;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : 500;
}

/**
 * The body of every error answer: FastAPI's `{"detail": …}`, which the source service's clients
 * read, plus fastify's `{statusCode, error, message}`, which this API's own clients read.
 * `detail` is the one-line message except where the source had a fixed text.
 */
export function errorBody(statusCode: number, message: string, detail: string = message, extra: Record<string, unknown> = {}) {
  return { detail, ...extra, statusCode, error: reasonPhrase(statusCode), message };
}

/**
 * The one error handler. Validation failures say which field broke which rule. Our messages
 * carry no secrets by contract (errors.ts); foreign 5xx errors are reduced to their first line.
 */
export function errorHandler(onServerError: (line: string, request: FastifyRequest, error: unknown) => void) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      // A body that is not JSON breaks the route's schema: 400, as the source service answered.
      const type = terminalSafe(String(request.headers['content-type'] ?? 'none').slice(0, 100));
      const message = `the body must be JSON, sent with Content-Type: application/json (got ${type})`;
      return void reply.code(400).send(errorBody(400, message));
    }
    const statusCode = error.validation ? 400 : httpStatusOf(error);
    const message = error.validation ? validationMessage(error) : oneLineMessage(error);
    if (statusCode >= 500) onServerError(`${request.method} ${pathOnly(request.url)}: ${message}`, request, error);
    if (error instanceof LeaseHeldError) {
      const holder = error.holder;
      return void reply.code(statusCode).send(errorBody(statusCode, message, TASK_ALREADY_RUNNING, holder ? { running: holder } : {}));
    }
    void reply.code(statusCode).send(errorBody(statusCode, message));
  };
}

/** Unknown routes answer as FastAPI does (`{"detail": "Not Found"}`), naming the route in `message`. */
export function notFoundHandler(request: FastifyRequest, reply: FastifyReply): void {
  void reply.code(404).send(errorBody(404, `Route ${request.method}:${request.url.split('?')[0]} not found`, 'Not Found'));
}

/** Ajv's message, except that an unknown field is named (Ajv only says "must NOT have additional properties"). */
function validationMessage(error: FastifyError): string {
  const unknown = error.validation!.find((e) => e.keyword === 'additionalProperties');
  const field = (unknown?.params as { additionalProperty?: unknown } | undefined)?.additionalProperty;
  if (typeof field === 'string') return `${error.validationContext ?? 'request'}${unknown!.instancePath}: unknown field "${field}"`;
  return oneLineMessage(error);
}

function reasonPhrase(status: number): string {
  return STATUS_CODES[status] ?? (status >= 500 ? 'Internal Server Error' : 'Bad Request');
}
