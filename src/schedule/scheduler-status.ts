import type { Store } from '../store/store.js';
import { readSchedule, type JobStatus } from './job-status.js';
import { scheduleTimeZone } from './local-time.js';

/** GET /api/tasks/scheduler/status: the source service's scheduler view, made of what is installed. */
export interface SchedulerStatus {
  /** The OS runs the jobs: true when an install fires them (not one whose systemd timers could not be enabled). */
  running: boolean;
  timezone: string;
  /** When each firing install was made; null when none (or when its timers were never enabled). */
  installed: { cron: string | null; systemd: string | null };
  /** True when some job's schedule in the database is not what is installed (each job says which, and `apply_with`). */
  pending_install: boolean;
  jobs: JobStatus[];
}

/** Reads the scheduler's state. Read-only; never throws on an empty database. */
export async function readSchedulerStatus(store: Store, nowMs: number): Promise<SchedulerStatus> {
  const { jobs, installs } = await readSchedule(store, nowMs);
  const at = (kind: 'cron' | 'systemd') => installs.find((i) => i.kind === kind && i.enabled)?.installedAt ?? null;
  const installed = { cron: at('cron'), systemd: at('systemd') };
  return {
    running: installed.cron !== null || installed.systemd !== null,
    timezone: scheduleTimeZone(),
    installed,
    pending_install: jobs.some((job) => job.pending_install),
    jobs,
  };
}
