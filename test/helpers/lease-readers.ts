import { queryOne } from '../../src/store/raw-query.js';
import type { Store } from '../../src/store/store.js';
import { waitFor } from './wait-for.js';

/*
 * A lease test's own view of the worker row and the runs, read through a store as `status`
 * reads them, on either database.
 */

export interface WorkerRow {
  status: string;
  run_id: string;
  pid: number;
  host: string;
  error: string | null;
  heartbeat_at: string;
  lease_expires_at: string;
}

/** The worker row. */
export async function readWorker(store: Store): Promise<WorkerRow> {
  return (await queryOne<WorkerRow>(store, 'SELECT status, run_id, pid, host, error, heartbeat_at, lease_expires_at FROM worker_status'))!;
}

/** A run's outcome, or undefined. */
export function readRun(store: Store, id: string) {
  return queryOne<{ status: string; error: string | null; exit_code: number | null; host: string }>(store, 'SELECT status, error, exit_code, host FROM runs WHERE id = ?', [id]);
}

/** Waits until process `pid` holds the lease (its run is running); the worker row then. */
export function waitForHolder(store: Store, pid: number | undefined, what = `process ${pid} to hold the lease`): Promise<WorkerRow> {
  return waitFor(what, async () => {
    const worker = await readWorker(store);
    return worker.status === 'running' && worker.pid === pid ? worker : undefined;
  });
}
