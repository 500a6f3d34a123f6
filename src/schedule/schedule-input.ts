import { UsageError } from '../errors.js';
import { nextFire, parseCron } from './cron-expression.js';
import { JOBS } from './jobs.js';

/** The job named `name`, or UsageError (64) listing the jobs there are. */
export function knownJob(name: string): string {
  if (JOBS.some((j) => j.name === name)) return name;
  throw new UsageError(`no job "${name}"; the jobs are ${JOBS.map((j) => j.name).join(', ')}`);
}

/**
 * A five-field cron expression, normalised to single spaces, from what the user typed.
 * Throws UsageError (64) when cron would not read it or it never fires. Pure but for `nowMs`.
 */
export function cronFromInput(text: string, nowMs: number): string {
  const expression = text.trim().split(/\s+/).join(' ');
  try {
    nextFire(parseCron(expression), nowMs);
  } catch (error) {
    throw new UsageError(`${(error as Error).message} (like "0 */6 * * *": minute hour day-of-month month day-of-week)`);
  }
  return expression;
}

/**
 * `--every 30m`, `--every 6h`, `--every 1d` as a cron expression that fires at that interval from
 * the top of the hour (or midnight). Only intervals that divide the hour or the day evenly can be
 * written in cron; others are a UsageError (64) naming the ones that can. Pure.
 */
export function cronFromEvery(every: string): string {
  const match = /^([1-9]\d*)([mhd])$/.exec(every.trim());
  if (!match) throw new UsageError(`--every wants a number and m, h or d, like 30m, 6h or 1d; got "${every}"`);
  const n = Number(match[1]);
  if (match[2] === 'm') {
    if (n === 60) return '0 * * * *';
    if (60 % n === 0) return `*/${n} * * * *`;
    throw new UsageError(`--every ${every}: minutes must divide the hour (1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30 or 60)`);
  }
  if (match[2] === 'h') {
    if (n === 1) return '0 * * * *';
    if (n === 24) return '0 0 * * *';
    if (24 % n === 0) return `0 */${n} * * *`;
    throw new UsageError(`--every ${every}: hours must divide the day (1, 2, 3, 4, 6, 8, 12 or 24)`);
  }
  if (n === 1) return '0 0 * * *';
  throw new UsageError(`--every ${every}: for more than a day write the cron expression, like "0 9 * * 1" (Mondays 09:00)`);
}
