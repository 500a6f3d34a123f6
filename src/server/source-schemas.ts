/**
 * JSON schemas of the answers the source service documented (/health, /api/tasks/*), for /docs.
 * As in response-schemas.ts they document and do not shape: app.ts serialises with JSON.stringify.
 */

const nullable = (type: string, extra: Record<string, unknown> = {}) => ({ type: [type, 'null'], ...extra });

export const healthSchema = {
  type: 'object',
  description: 'the server is up (never needs the token)',
  properties: { status: { type: 'string', enum: ['healthy'] }, ok: { type: 'boolean', enum: [true] }, version: { type: 'string' } },
  required: ['status', 'ok', 'version'],
} as const;

export const taskStartedSchema = {
  type: 'object',
  description: 'the run holds the worker lease and goes on in the background; poll GET /api/tasks/worker/status or GET /api/runs/{run_id}',
  properties: {
    status: { type: 'string', enum: ['started'] },
    task: { type: 'string' },
    run_id: { type: 'string', examples: ['r_20261128T020000Z_1a2b3c'] },
    message: { type: 'string', examples: ['sync task started'] },
  },
  required: ['status', 'task', 'run_id', 'message'],
} as const;

export const taskBusySchema = {
  type: 'object',
  description: 'another run, in any process (cron, CLI, this server), holds the worker lease',
  properties: {
    detail: { type: 'string', enum: ['Task already running'] },
    running: {
      type: 'object',
      description: 'the run holding the lease',
      properties: { task: { type: 'string' }, run_id: { type: 'string' }, pid: nullable('integer'), host: nullable('string'), started_at: nullable('string') },
    },
    statusCode: { type: 'integer', enum: [400] },
    error: { type: 'string' },
    message: { type: 'string', description: 'one line naming the holder, as the CLI prints it with exit 75' },
  },
  required: ['detail', 'statusCode', 'error', 'message'],
} as const;

const progressSchema = nullable('object', {
  description: 'the run\'s last reported progress; after the run, its final count',
  properties: { phase: nullable('string'), done: nullable('integer'), total: nullable('integer'), percent: nullable('integer'), message: nullable('string') },
});

export const workerStatusSchema = {
  type: 'object',
  description: 'the worker lease row, the run\'s elapsed time and, once it has ended, its result',
  additionalProperties: true,
  properties: {
    status: { type: 'string', enum: ['idle', 'running', 'completed', 'failed'] },
    task: nullable('string'),
    run_id: nullable('string'),
    progress: progressSchema,
    started_at: nullable('string', { format: 'date-time' }),
    finished_at: nullable('string', { format: 'date-time' }),
    elapsed_s: nullable('integer'),
    heartbeat_at: nullable('string', { format: 'date-time' }),
    stale: { type: 'boolean', description: 'running, but the lease expired: the next run takes it over' },
    pid: nullable('integer'),
    host: nullable('string'),
    result: nullable('object', { additionalProperties: true }),
    error: nullable('string'),
  },
  required: ['status', 'task', 'run_id', 'progress', 'started_at', 'finished_at', 'result', 'error'],
} as const;

export const jobStatusSchema = {
  type: 'object',
  additionalProperties: true,
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    trigger: { type: 'string', description: 'five-field cron expression, in `timezone`' },
    enabled: { type: 'boolean' },
    next_run: nullable('string', {
      description: 'ISO 8601 with offset, of installed_trigger when the job is installed (of trigger when nothing is); null when it does not fire',
      examples: ['2026-11-29T02:00:00+01:00'],
    }),
    installed_in: nullable('string', { enum: ['cron', 'systemd', null], description: 'where the job is installed and fires' }),
    installed_trigger: nullable('string', { description: 'the cron expression cron or systemd really fires' }),
    pending_install: { type: 'boolean', description: 'the database schedule differs from what is installed: run apply_with' },
    apply_with: nullable('string', { examples: ['issuetrack schedule --cron --install'] }),
    last_run: nullable('object', { additionalProperties: true, description: 'run_id, status (its outcome), started_at, finished_at, duration_ms, error' }),
    overdue: { type: 'boolean' },
  },
  required: ['id', 'name', 'trigger', 'enabled', 'next_run', 'last_run'],
} as const;

export const schedulerStatusSchema = {
  type: 'object',
  description: 'the jobs as kept in the database (`issuetrack schedule set`), which `schedule --install` put into cron or systemd',
  properties: {
    running: { type: 'boolean', description: 'whether the jobs are installed in cron or systemd' },
    timezone: { type: 'string', examples: ['Europe/Berlin'] },
    installed: { type: 'object', properties: { cron: nullable('string'), systemd: nullable('string') } },
    pending_install: { type: 'boolean', description: 'some job waits for `schedule --install` to apply its schedule' },
    jobs: { type: 'array', items: jobStatusSchema },
  },
  required: ['running', 'timezone', 'jobs'],
} as const;
