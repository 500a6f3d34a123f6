import { nextFire, parseCron } from './cron-expression.js';

const MINUTE = 60_000;

/**
 * The longest gap between two fires of `expression` over its next `samples` fires after
 * `afterMs`: the period a job is held to ("0 9 * * 1-5" gives the weekend's 72 h). Milliseconds.
 * Throws like parseCron on a bad expression.
 */
export function periodMs(expression: string, afterMs: number, samples = 8): number {
  const cron = parseCron(expression);
  let previous = nextFire(cron, afterMs);
  let longest = 0;
  for (let i = 0; i < samples; i++) {
    const next = nextFire(cron, previous);
    longest = Math.max(longest, next - previous);
    previous = next;
  }
  return longest;
}

/**
 * The slack given on top of the period before a job counts as overdue: a tenth of the period,
 * at least 10 minutes (cron's start, systemd's RandomizedDelaySec=2min, a slow run) and at most
 * 2 hours (a daily pipeline that has not succeeded by 04:00 wants attention).
 */
export function graceMs(period: number): number {
  return Math.min(120 * MINUTE, Math.max(10 * MINUTE, Math.round(period / 10)));
}

/**
 * Whether a job is overdue, as healthchecks.io decides: its last success (or, when it never
 * succeeded, the moment it was scheduled) is older than its period plus the grace. A disabled
 * job, or one never succeeded and with no known schedule start, is never overdue. Pure.
 */
export function isOverdue(job: { enabled: boolean; periodMs: number; lastSuccessMs: number | null; scheduledSinceMs: number | null; nowMs: number }): boolean {
  if (!job.enabled) return false;
  const since = job.lastSuccessMs ?? job.scheduledSinceMs;
  if (since === null) return false;
  return job.nowMs - since > job.periodMs + graceMs(job.periodMs);
}
