import { nextFire, parseCron } from './cron-expression.js';

/** The first time strictly after `afterMs` that `expression` fires (local time), as ISO UTC. */
export function nextRun(expression: string, afterMs: number): string {
  return new Date(nextFire(parseCron(expression), afterMs)).toISOString();
}
