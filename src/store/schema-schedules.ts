/** Tables of the schedules a user sets and of what was installed (migration 0009). */

export interface SchedulesTable {
  job: string;
  cron: string | null; // NULL: the job's default expression
  enabled: number; // 0 or 1
  updated_at: string;
}

export interface ScheduleInstallsTable {
  kind: 'cron' | 'systemd';
  installed_at: string;
  items: string; // JSON, see schedule/installed.ts
}
