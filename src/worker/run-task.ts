import { randomBytes } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import type { Deps } from '../deps.js';
import { InterruptedError, IssuetrackError, asIssuetrackError, LeaseHeldError, TaskFailedError, exitCodeOf, oneLineMessage } from '../errors.js';
import type { RunStatus } from '../store/schema-core.js';
import { logReporter, markLogged, noRunLog } from '../output/log-file.js';
import { teeReporter } from '../output/reporter.js';
import { isPidAlive } from './pid.js';
import { acquireLease, releaseLease, renewLease, type ProgressUpdate } from './lease.js';
import { progressSink } from './progress-sink.js';

export type TaskName = 'sync' | 'analyze' | 'trends' | 'pipeline';

/** What a task function receives: the deps, its run id, its own signal, and a progress sink. */
export interface TaskContext extends Deps {
  readonly runId: string;
  /** Aborts on SIGINT/SIGTERM or when the lease is lost. Pass it to every client call and sleep. */
  readonly signal: AbortSignal;
  /** Records progress in the worker row (throttled) and tells the reporter. Never throws. */
  progress(update: ProgressUpdate): void;
}

/** The stable record of one run, printed by `--json` (DESIGN.md, "Output contract"). */
export interface RunRecord<R = Record<string, unknown>> {
  run_id: string;
  task: string;
  status: Exclude<RunStatus, 'running'>;
  started_at: string;
  finished_at: string;
  duration_ms: number;
  result: R | null;
  error: string | null;
}

export interface TaskOutcome<R> {
  record: RunRecord<R>;
  /** Set when the run did not complete; its exitCode is the process's. */
  error?: IssuetrackError;
}

/**
 * Runs `fn` under the worker lease and records the run in `runs`.
 * Throws LeaseHeldError (exit 75) when another live run holds the lease; otherwise never throws:
 * a failed or interrupted run comes back as `{record, error}` with the lease released.
 */
export async function runTask<R extends Record<string, unknown>>(
  deps: Deps,
  task: TaskName,
  params: Record<string, unknown>,
  fn: (ctx: TaskContext) => Promise<R>,
): Promise<TaskOutcome<R>> {
  const startedMs = deps.clock.now();
  const runId = newRunId(startedMs);
  const claim = await acquireLease(deps.store, {
    runId,
    task,
    params,
    pid: deps.pid,
    host: deps.host,
    nowMs: startedMs,
    leaseMs: deps.leaseMs,
    isPidAlive,
  });
  const log = deps.log ?? noRunLog;
  const trigger = deps.trigger ?? 'cli';
  if (!claim.acquired) {
    const h = claim.holder;
    const refusal = new LeaseHeldError(
      `worker busy: ${h.task} run ${h.runId} by ${h.pid ?? '?'}@${h.host ?? '?'} since ${h.startedAt ?? '?'}; try again later`,
      { task: h.task, run_id: h.runId, pid: h.pid, host: h.host, started_at: h.startedAt },
    );
    log.write({ level: 'warn', event: 'run_refused', run_id: runId, task, trigger, params, exit_code: 75, holder: refusal.holder, message: refusal.message });
    markLogged(refusal);
    throw refusal;
  }
  log.write({ level: 'info', event: 'run_start', run_id: runId, task, trigger, params, pid: deps.pid, host: deps.host });
  // Every line a run reports also goes to the run log, with its run id and task.
  const reporter = teeReporter(deps.reporter, logReporter(log, { run_id: runId, task }, () => deps.clock.now()));
  if (claim.tookOverRunId) {
    reporter.warn(`took over the lease from run ${claim.tookOverRunId} (${claim.tookOverReason}); recorded it abandoned`);
  }

  const controller = new AbortController();
  // Every request in flight, sleep and limiter wait listens on this one signal: --concurrency 16
  // legitimately passes Node's default of 10 listeners, and its warning on stderr would reach
  // cron's mail. Listeners are removed as each wait ends, so there is no leak to warn about.
  setMaxListeners(0, controller.signal);
  const forwardAbort = () => controller.abort(deps.signal.reason);
  if (deps.signal.aborted) forwardAbort();
  deps.signal.addEventListener('abort', forwardAbort, { once: true });
  const leaseLost = () =>
    controller.abort(new TaskFailedError(`lost the worker lease of run ${runId}; another process took it over`));

  // The renewal in flight, awaited before the release: one landing after it could write to a
  // closed pool (a warning on stderr) or report the lease lost for a run that already ended.
  let renewal: Promise<unknown> = Promise.resolve();
  const heartbeat = setInterval(() => {
    renewal = renewLease(deps.store, runId, deps.clock.now(), deps.leaseMs).then(
      (held) => held || leaseLost(),
      (error: unknown) => reporter.warn(`heartbeat failed: ${oneLineMessage(error)}`),
    );
  }, Math.max(50, Math.floor(deps.leaseMs / 3)));
  heartbeat.unref();

  const sink = progressSink(deps.store, runId, deps.clock, { lost: leaseLost, warn: (line) => reporter.warn(line) });
  const ctx: TaskContext = {
    ...deps,
    reporter,
    runId,
    signal: controller.signal,
    progress(update) {
      reporter.progress(update);
      sink.push(update);
    },
  };

  let status: RunRecord['status'] = 'completed';
  let result: R | null = null;
  let failure: IssuetrackError | undefined;
  try {
    result = await fn(ctx);
  } catch (error) {
    const reason = controller.signal.aborted ? controller.signal.reason : undefined;
    if (reason instanceof InterruptedError) {
      status = 'cancelled';
      failure = reason;
    } else {
      status = 'failed';
      failure = asIssuetrackError(error) ?? new TaskFailedError(oneLineMessage(error), { cause: error });
    }
    result = (failure.partialResult as R | undefined) ?? null;
  } finally {
    clearInterval(heartbeat);
    deps.signal.removeEventListener('abort', forwardAbort);
    reporter.stop();
  }

  const finishedMs = deps.clock.now();
  let errorText = failure ? (status === 'cancelled' ? `cancelled: ${failure.message}` : failure.message) : null;
  // The last progress before the release, so the ended run shows its final count (or, failed,
  // the last it reached), whatever the write throttle held back.
  await Promise.all([sink.settle({ completed: status === 'completed' }), renewal]);
  try {
    await releaseLease(deps.store, { runId, status, result, error: errorText, exitCode: failure ? exitCodeOf(failure) : 0, nowMs: finishedMs, startedMs });
  } catch (error) {
    // The disk is still full or the file still locked. The run's own failure names the cause;
    // the row left "running" names a pid that is about to exit, which the next reader reports
    // abandoned and the next run takes over (worker-truth.ts).
    deps.reporter.warn(`could not record the end of run ${runId}: ${oneLineMessage(error)}`);
    if (!failure) {
      status = 'failed';
      failure = asIssuetrackError(error) ?? new TaskFailedError(oneLineMessage(error), { cause: error });
      errorText = failure.message;
    }
  }
  const exitCode = failure ? exitCodeOf(failure) : 0;
  log.write({
    level: status === 'completed' ? 'info' : status === 'cancelled' ? 'warn' : 'error',
    event: 'run_end',
    run_id: runId,
    task,
    trigger,
    params,
    outcome: status,
    exit_code: exitCode,
    duration_ms: finishedMs - startedMs,
    counts: result,
    message: errorText,
  });
  if (failure) markLogged(failure);
  return {
    record: {
      run_id: runId,
      task,
      status,
      started_at: new Date(startedMs).toISOString(),
      finished_at: new Date(finishedMs).toISOString(),
      duration_ms: finishedMs - startedMs,
      result,
      error: errorText,
    },
    error: failure,
  };
}

/** Sortable and unique enough across processes: r_20261128T020000Z_1a2b3c. */
export function newRunId(nowMs: number): string {
  const stamp = new Date(nowMs).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `r_${stamp}_${randomBytes(3).toString('hex')}`;
}
