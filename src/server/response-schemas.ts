import { TASK_NAMES } from '../worker/task-names.js';

/**
 * JSON schemas of the API's answers. They document the contract in /docs; they do not shape
 * the bytes: app.ts serialises with JSON.stringify, so each answer is exactly what the matching
 * `--json` command prints, and a field added to a query can never be dropped here by accident.
 */

const nullable = (type: string, extra: Record<string, unknown> = {}) => ({ type: [type, 'null'], ...extra });

export const errorSchema = {
  type: 'object',
  description: 'every 4xx and 5xx answer: FastAPI\'s `detail` and fastify\'s fields side by side',
  properties: {
    detail: { type: 'string', description: 'what went wrong (FastAPI\'s field, read by the source service\'s scripts)' },
    statusCode: { type: 'integer' },
    error: { type: 'string', description: 'the HTTP reason phrase' },
    message: { type: 'string', description: 'one line saying what went wrong' },
  },
  required: ['detail', 'statusCode', 'error', 'message'],
} as const;

export const runSchema = {
  type: 'object',
  description: 'one run: the record `--json` prints for task commands, plus its params',
  additionalProperties: true,
  properties: {
    run_id: { type: 'string', examples: ['r_20261128T020000Z_1a2b3c'] },
    task: { type: 'string', enum: [...TASK_NAMES] },
    status: { type: 'string', enum: ['running', 'completed', 'failed', 'cancelled'] },
    started_at: { type: 'string', format: 'date-time' },
    finished_at: nullable('string', { format: 'date-time' }),
    duration_ms: nullable('integer'),
    result: nullable('object', { additionalProperties: true, description: 'the task result (`sync --json` and the like); null while running' }),
    error: nullable('string'),
    params: { type: 'object', additionalProperties: true, description: 'the options the run was started with' },
  },
  required: ['run_id', 'task', 'status', 'started_at', 'finished_at', 'duration_ms', 'result', 'error'],
} as const;

export const themeSummarySchema = {
  type: 'object',
  description: 'one theme, as `issues --json` prints it',
  additionalProperties: true,
  properties: {
    id: { type: 'integer' },
    title: { type: 'string' },
    description: nullable('string'),
    category: { type: 'string' },
    component: nullable('string'),
    count: { type: 'integer', description: 'distinct tickets in the window' },
    expected: nullable('number', { description: 'tickets the 28 days before the window predict for it' }),
    ticket_count: { type: 'integer' },
    requester_count: { type: 'integer' },
    organization_count: { type: 'integer' },
    first_seen: nullable('string', { format: 'date-time' }),
    last_seen: nullable('string', { format: 'date-time' }),
    rising: { type: 'boolean' },
    rising_since: nullable('string'),
    daily_14d: { type: 'array', items: { type: 'integer' }, description: 'tickets per UTC day, oldest first' },
    severity: { type: 'object', additionalProperties: { type: 'integer' } },
  },
  required: ['id', 'title', 'category', 'component', 'count', 'first_seen', 'last_seen', 'rising'],
} as const;

export const themeDetailSchema = {
  ...themeSummarySchema,
  description: 'one theme whole, as `issues show ID --json` prints it',
  properties: {
    ...themeSummarySchema.properties,
    keywords: { type: 'array', items: { type: 'string' } },
    merged_from: nullable('integer', { description: 'the id asked for, when it was merged into this theme' }),
    merges: { type: 'array', items: { type: 'object', additionalProperties: true } },
    timeline: { type: 'array', items: { type: 'object', properties: { day: { type: 'string' }, tickets: { type: 'integer' } } } },
    samples: { type: 'array', items: { type: 'object', additionalProperties: true } },
  },
} as const;

/** Runs of a day or a span of days (metrics/daily-metrics.ts). Rates are 0..1 of finished runs. */
const runFiguresSchema = {
  type: 'object',
  properties: {
    jobs_run: { type: 'integer', description: 'runs started, of every task' },
    succeeded: { type: 'integer' },
    failed: { type: 'integer' },
    cancelled: { type: 'integer' },
    success_rate: nullable('number', { description: 'succeeded / finished runs; null with none finished' }),
    error_rate: nullable('number', { description: 'failed / finished runs; null with none finished' }),
    avg_duration_ms: nullable('integer'),
    tickets_synced: { type: 'integer', description: "sync's tickets_upserted" },
    tickets_processed: { type: 'integer', description: "analyze's tickets_analyzed + tickets_failed" },
    issues_extracted: { type: 'integer' },
  },
} as const;

export const statusSchema = {
  type: 'object',
  description: 'what `status --json` prints: worker, jobs, totals, metrics, analysis',
  additionalProperties: true,
  properties: {
    version: { type: 'string', description: 'the issuetrack package version' },
    schema_version: { type: 'integer', description: 'the database schema version' },
    worker: { type: 'object', additionalProperties: true },
    jobs: { type: 'array', items: { type: 'object', additionalProperties: true } },
    totals: { type: 'object', additionalProperties: true },
    metrics: {
      type: 'object',
      additionalProperties: true,
      properties: {
        daily: {
          type: 'object',
          description: 'the run metrics of the last 30 UTC days (oldest first, days without runs as zeros) and their 7- and 30-day totals',
          properties: {
            time_zone: { type: 'string', const: 'UTC' },
            days: { type: 'array', items: { ...runFiguresSchema, properties: { date: { type: 'string', description: 'YYYY-MM-DD, UTC' }, ...runFiguresSchema.properties } } },
            last_7d: runFiguresSchema,
            last_30d: runFiguresSchema,
          },
        },
      },
    },
    analysis: { type: 'object', additionalProperties: true },
  },
  required: ['worker', 'jobs', 'totals', 'metrics'],
} as const;

/** Error answers a protected route can give, for the docs. */
export const commonErrors = { 400: errorSchema, 401: errorSchema } as const;
