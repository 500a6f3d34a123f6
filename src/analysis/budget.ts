/**
 * What --max-cost and the API's max_cost accept, in USD: a hundredth of a cent is below any one
 * call's price, and a million is above any real run. One range for both, so the API refuses
 * what the CLI refuses (`1e-300` was a 400-free way to make every call "too expensive").
 */
export const MAX_COST_RANGE = { min: 0.0001, max: 1_000_000 } as const;

/**
 * The --max-cost ceiling. A call may start only when what is spent, plus what calls in flight
 * may still spend, plus this call's estimate stays within the limit; so a run never passes
 * the ceiling by more than estimates undershoot. Pure bookkeeping: no I/O, no clock.
 */
export class Budget {
  readonly limitUsd: number | null;
  #spent = 0;
  #reserved = 0;
  #stopped = false;

  /** `limitUsd` null means no ceiling (reservations always succeed). */
  constructor(limitUsd: number | null) {
    this.limitUsd = limitUsd;
  }

  /** USD recorded so far. */
  get spentUsd(): number {
    return this.#spent;
  }

  /** True once a reservation was refused: the run starts no further calls. */
  get stopped(): boolean {
    return this.#stopped;
  }

  /**
   * Reserves `estimateUsd` for a call about to start. Returns false (and stops the budget for
   * good, so later cheaper calls do not sneak in out of order) when it would pass the limit.
   */
  tryReserve(estimateUsd: number): boolean {
    if (this.#stopped) return false;
    if (this.limitUsd !== null && this.#spent + this.#reserved + estimateUsd > this.limitUsd) {
      this.#stopped = true;
      return false;
    }
    this.#reserved += estimateUsd;
    return true;
  }

  /** Replaces a reservation by what the call really cost (0 when it failed before billing). */
  settle(reservedUsd: number, actualUsd: number): void {
    this.#reserved = Math.max(0, this.#reserved - reservedUsd);
    this.#spent += actualUsd;
  }
}
