import { setMaxListeners } from 'node:events';
import type { Config } from '../config.js';
import type { Deps } from '../deps.js';
import { InterruptedError, IssuetrackError } from '../errors.js';
import { openStore } from '../store/open-store.js';
import type { Store } from '../store/store.js';
import type { TaskPlan } from '../pipeline/task-plans.js';
import { runTask, type TaskOutcome } from '../worker/run-task.js';

/** The server refuses new runs once it has begun to close (HTTP 503). */
export class ServerClosingError extends IssuetrackError {
  constructor() {
    super('the server is shutting down; no new runs', 69);
  }
}

/**
 * The reason given to runs still going when the app closes without a signal (tests, embedding):
 * an InterruptedError, so runTask records them cancelled as it would for Ctrl-C.
 */
export class ServerClosedError extends InterruptedError {
  constructor() {
    super('SIGTERM');
    this.message = 'the server closed';
  }
}

export interface RunLauncher {
  /**
   * Starts `plan` in the background under the worker lease. Resolves with the run id as soon as
   * the lease is taken (the run is then in `runs` as running); rejects with LeaseHeldError when
   * another run, in any process, holds it, and with ServerClosingError after `stopAll`.
   */
  start(plan: TaskPlan): Promise<{ runId: string; finished: Promise<TaskOutcome<Record<string, unknown>>> }>;
  /**
   * Aborts every run still going and resolves once each has recorded itself and released the
   * lease. Idempotent; never throws. Runs already aborted by the process signal keep its reason.
   */
  stopAll(reason?: unknown): Promise<void>;
}

/**
 * Runs tasks in the server process. Each run gets its own database connection, as a CLI run in
 * its own process would: tasks keep Kysely transactions open across awaits, and a lease
 * acquisition or status read on that same connection would land inside them (better-sqlite3
 * asserts against exactly that). WAL lets the server's reads go on beside the run's writes.
 */
export function runLauncher(deps: Deps, openRunStore: (store: Store) => Store = ownConnection): RunLauncher {
  const controller = new AbortController();
  setMaxListeners(0, controller.signal); // every run forwards it once; see worker/run-task.ts
  const forward = () => controller.abort(deps.signal.reason);
  if (deps.signal.aborted) forward();
  else deps.signal.addEventListener('abort', forward, { once: true });
  const running = new Set<Promise<unknown>>();
  let closing = false;

  return {
    async start(plan) {
      if (closing || controller.signal.aborted) throw new ServerClosingError();
      const store = openRunStore(deps.store);
      let acquired!: (runId: string) => void;
      const started = new Promise<string>((resolve) => (acquired = resolve));
      const finished = runTask(runDeps(deps, store, controller.signal, plan.config), plan.task, plan.params, (ctx) => {
        acquired(ctx.runId); // runTask calls us only once the lease is ours
        return plan.run(ctx);
      }).finally(() => store.close());
      const tracked = finished.catch(() => undefined).finally(() => running.delete(tracked));
      running.add(tracked);
      // runTask either calls the task (lease taken) or rejects (lease held): whichever comes first.
      const runId = await Promise.race([started, finished.then(() => started)]);
      return { runId, finished };
    },
    async stopAll(reason = new ServerClosedError()) {
      closing = true;
      if (!controller.signal.aborted) controller.abort(reason);
      deps.signal.removeEventListener('abort', forward);
      await Promise.all([...running]);
    },
  };
}

/** The server's deps over the run's own connection and the launcher's signal (field by field: see build-deps.ts). */
function runDeps(deps: Deps, store: Store, signal: AbortSignal, config = deps.config): Deps {
  const { reporter, clock, pid, host, leaseMs, log } = deps;
  return { store, db: store.db, config, reporter, signal, clock, pid, host, leaseMs, log, trigger: 'serve' };
}

/**
 * A store for one run: on SQLite a new connection to the same file; on PostgreSQL the server's
 * own pool, where every query and every transaction already takes a connection of its own
 * (closing the run's store must then leave the pool open).
 */
function ownConnection(store: Store): Store {
  if (store.dialect === 'postgres') return { dialect: 'postgres', path: store.path, pool: store.pool, db: store.db, exists: store.exists, writable: store.writable, close: async () => undefined };
  return openStore(store.path);
}
