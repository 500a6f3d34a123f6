import { readScheduleRows } from '../store/schedule-queries.js';
import type { SchedulesTable } from '../store/schema-schedules.js';
import type { Store } from '../store/store.js';
import { JOBS, type JobDefinition } from './jobs.js';

/** A job as it is really scheduled: its default, changed by what the user set. */
export interface ScheduledJob extends JobDefinition {
  enabled: boolean;
  /** The expression in jobs.ts, for `status` to say when the schedule was changed. */
  defaultSchedule: string;
}

/** The jobs with the user's rows applied (unknown job names in rows are ignored). Pure. */
export function applyScheduleRows(rows: readonly SchedulesTable[], jobs: readonly JobDefinition[] = JOBS): ScheduledJob[] {
  return jobs.map((job) => {
    const row = rows.find((r) => r.job === job.name);
    return { ...job, schedule: row?.cron ?? job.schedule, enabled: row ? row.enabled === 1 : true, defaultSchedule: job.schedule };
  });
}

/**
 * The schedules everything reads (status, the scheduler route, the renderers), from the database.
 * Read-only; the defaults when nothing was set.
 */
export async function readScheduledJobs(store: Store): Promise<ScheduledJob[]> {
  return applyScheduleRows(await readScheduleRows(store));
}
