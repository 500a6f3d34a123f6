/** Waits `ms` milliseconds; rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Lets timers, I/O and signal handlers run (setImmediate), then throws the signal's reason if it
 * aborted meanwhile. Called between items of CPU-bound loops: promises that settle at once (our
 * SQLite driver's) never give the event loop a turn, so without this a long loop starves the
 * heartbeat and ignores SIGINT/SIGTERM until it ends.
 */
export async function yieldToEventLoop(signal?: AbortSignal): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  if (signal?.aborted) throw signal.reason;
}
