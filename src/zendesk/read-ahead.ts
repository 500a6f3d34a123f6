/**
 * Requests of the next page made while the current one is written: a PostgreSQL write waits on
 * the server and a SQLite write on the disk, and Zendesk can serve the next page meanwhile.
 * Only reads go ahead; what is stored, and the position stored with it, stay page by page.
 * Requests run on a signal that follows the run's (aborted with its reason) and that `dispose()`
 * aborts, so a read nobody will await (the write before it failed) stops at once, retries and
 * rate-limit waits included. `dispose()` must run in a finally.
 */
export interface ReadAhead {
  /** Starts `request` now; its failure is also observed here, so an unawaited one rejects quietly. */
  start<T>(request: (signal: AbortSignal) => Promise<T>): Promise<T>;
  dispose(): void;
}

export function readAhead(run: AbortSignal): ReadAhead {
  const controller = new AbortController();
  const onAbort = () => controller.abort(run.reason);
  if (run.aborted) onAbort();
  else run.addEventListener('abort', onAbort, { once: true });
  return {
    start(request) {
      // A request started on an aborted signal would not notice (its listener never fires).
      const pending = controller.signal.aborted ? Promise.reject(controller.signal.reason) : request(controller.signal);
      pending.catch(() => undefined);
      return pending;
    },
    dispose() {
      run.removeEventListener('abort', onAbort);
      if (!controller.signal.aborted) controller.abort(new Error('a read ahead no longer needed'));
    },
  };
}
