/** What a renderer assumes when the terminal reports no usable size (a pty of 0×0 under `script`). */
export const FALLBACK_COLUMNS = 80;
export const FALLBACK_ROWS = 24;
/** Larger than any real terminal; beyond it a reported size is garbage. */
const MAX_CELLS = 10_000;

/** `value` when it is a whole number of cells from 1 to 10,000, else `fallback`. Pure. */
export function saneCells(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_CELLS ? value : fallback;
}

/**
 * Makes `stream.columns` and `stream.rows` always read sane (80×24 in place of 0, negative or
 * absurd values), now and after every resize (node assigns both on SIGWINCH, so the setter keeps
 * taking new values). ora divides by columns: on a 0×0 pty it computed Infinity lines to clear
 * and looped forever writing cursor codes, deaf to SIGTERM. Idempotent.
 */
export function clampTerminalSize(stream: { columns?: number; rows?: number }): void {
  for (const [key, fallback] of [['columns', FALLBACK_COLUMNS], ['rows', FALLBACK_ROWS]] as const) {
    let reported: unknown = stream[key];
    Object.defineProperty(stream, key, {
      configurable: true,
      enumerable: true,
      get: () => saneCells(reported, fallback),
      set: (value: unknown) => {
        reported = value;
      },
    });
  }
}
