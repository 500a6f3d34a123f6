import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ConfigError, IssuetrackError, LeaseHeldError, UsageError, oneLineMessage } from '../errors.js';
import { ServerClosingError } from './run-launcher.js';

/** An answer's status for our errors: the exit table (DESIGN.md) read as HTTP. */
export function httpStatusOf(error: unknown): number {
  if (error instanceof LeaseHeldError) return 409; // exit 75: busy, retry later
  if (error instanceof UsageError) return 400; // exit 64
  if (error instanceof ConfigError || error instanceof ServerClosingError) return 503; // the server cannot do it as configured
  if (error instanceof IssuetrackError) return 500;
  const status = (error as Partial<FastifyError>).statusCode;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : 500;
}

/**
 * The one error handler: `{statusCode, error, message}` with a one-line message, the shape of
 * fastify's own 404s. Validation failures say which field broke which rule. Our messages carry
 * no secrets by contract (errors.ts); foreign 5xx errors are reduced to their first line.
 */
export function errorHandler(onServerError: (line: string) => void) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const statusCode = error.validation ? 400 : httpStatusOf(error);
    const message = error.validation ? validationMessage(error) : oneLineMessage(error);
    if (statusCode >= 500) onServerError(`${request.method} ${request.url}: ${message}`);
    void reply.code(statusCode).send({ statusCode, error: reasonPhrase(statusCode), message });
  };
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
