import type { Clock } from '../clock.js';
import { oneLineMessage } from '../errors.js';
import type { Store } from '../store/store.js';
import { writeProgress, type ProgressUpdate } from './lease.js';

/** How often a run writes its progress to the worker row at most (a phase change writes at once). */
export const PROGRESS_WRITE_INTERVAL_MS = 250;

export interface ProgressSink {
  /** Records `update` now, or within PROGRESS_WRITE_INTERVAL_MS if a write just happened. Never throws. */
  push(update: ProgressUpdate): void;
  /**
   * Writes the last update the throttle held back, then waits for every write: after it the row
   * holds the run's last reported progress (a completed sync its done = total, not the count of
   * 250 ms before). With `completed`, a last count without a total (a phase that learns its size
   * only at its end, such as the ticket export) gets done as its total: the phase ran to its end.
   * Call before the lease is released. Never rejects.
   */
  settle(opts: { completed: boolean }): Promise<void>;
}

/**
 * The worker row's progress for one run: throttled, written in order, the last one never lost.
 * `lost` is called when a write finds the lease held by another run; `warn` when a write fails
 * (progress is advisory: the run goes on, the next write will land).
 */
export function progressSink(
  store: Store,
  runId: string,
  clock: Clock,
  on: { lost: () => void; warn: (line: string) => void },
): ProgressSink {
  let lastWriteMs = 0;
  let lastPhase = '';
  // Held back by the throttle. Without writing it later, the row kept the count of up to 250 ms
  // before the end (a sync that fetched 16 of 16 showed 8/16 once completed), and during a long
  // quiet stretch a `watch curl` saw a count older than the run's.
  let held: ProgressUpdate | undefined;
  let last: ProgressUpdate | undefined;
  let trailing: NodeJS.Timeout | undefined;
  // Writes queue one behind the other: on PostgreSQL two could otherwise take different pooled
  // connections and land out of order. With none in flight a write starts at once (on SQLite it
  // is then done before push() returns, as status readers expect).
  let writes: Promise<unknown> = Promise.resolve();
  let inFlight = 0;

  const write = (update: ProgressUpdate) => {
    lastPhase = update.phase;
    lastWriteMs = clock.now();
    held = undefined;
    const start = () => {
      inFlight++;
      return writeProgress(store, runId, update)
        .then(
          (holds) => holds || on.lost(),
          (error: unknown) => on.warn(`could not record progress: ${oneLineMessage(error)}`),
        )
        .finally(() => inFlight--);
    };
    writes = inFlight === 0 ? start() : writes.then(start);
  };
  const writeHeld = () => {
    trailing = undefined;
    if (held) write(held);
  };

  return {
    push(update) {
      last = update;
      const sinceMs = clock.now() - lastWriteMs;
      if (update.phase !== lastPhase || sinceMs >= PROGRESS_WRITE_INTERVAL_MS || sinceMs < 0) {
        if (trailing) clearTimeout(trailing);
        trailing = undefined;
        write(update);
        return;
      }
      held = update;
      if (!trailing) {
        trailing = setTimeout(writeHeld, PROGRESS_WRITE_INTERVAL_MS - sinceMs);
        trailing.unref();
      }
    },
    async settle({ completed }) {
      if (trailing) clearTimeout(trailing);
      if (completed && last && last.done != null && last.total == null) held = { ...last, total: last.done };
      writeHeld();
      await writes;
    },
  };
}
