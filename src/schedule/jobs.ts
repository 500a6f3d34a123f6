/**
 * The scheduled jobs and their default times; `issuetrack schedule set` overrides them in the
 * database (see scheduled-jobs.ts). Descriptions name no time, since the user may change it. Times are in the machine's local time zone, as cron and systemd
 * OnCalendar= read them. Trends runs at half past so it does not collide with the 02:00
 * pipeline (which ends with trends anyway): a collision would exit 75 and cron would mail it.
 */
export interface JobDefinition {
  name: string;
  /** Five-field cron expression (the default, in JOBS). */
  schedule: string;
  /** The issuetrack subcommand the job runs. */
  command: string;
  description: string;
}

export const JOBS: readonly JobDefinition[] = [
  {
    name: 'pipeline',
    schedule: '0 2 * * *',
    command: 'pipeline',
    description: 'sync tickets, analyse what changed, update themes and trends',
  },
  {
    name: 'trends',
    schedule: '30 * * * *',
    command: 'trends',
    description: 'place new issues into themes and flag the rising ones',
  },
];
