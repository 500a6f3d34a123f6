import { execute, hasTable, queryAll, queryOne } from './raw-query.js';
import type { ScheduleInstallsTable, SchedulesTable } from './schema-schedules.js';
import type { Store } from './store.js';

/*
 * The schedules a user set and the record of installs. Plain SQL through raw-query.ts, as in
 * status-queries.ts: `status` reads them and must not load Kysely. The same text on both databases.
 */

/**
 * Whether the database predates the migration that made `table`. Only an SQLite file can: a
 * PostgreSQL store is open only at the current schema (open-postgres.ts migrates it or refuses
 * any other version), so asking its server would cost `status` a round trip for nothing.
 */
async function predates(store: Store, table: 'schedules' | 'schedule_installs'): Promise<boolean> {
  return store.dialect === 'sqlite' && !(await hasTable(store, table));
}

/** Every schedule row; [] when the user changed nothing, or the database predates migration 9. */
export async function readScheduleRows(store: Store): Promise<SchedulesTable[]> {
  if (await predates(store, 'schedules')) return [];
  return queryAll<SchedulesTable>(store, 'SELECT * FROM schedules ORDER BY job');
}

/** Sets a job's expression (null: back to its default) and/or its enabled flag. Idempotent. */
export async function writeScheduleRow(store: Store, job: string, change: { cron?: string | null; enabled?: boolean }, nowIso: string): Promise<void> {
  await execute(
    store,
    `INSERT INTO schedules (job, cron, enabled, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (job) DO UPDATE SET
       cron = CASE WHEN ? = 1 THEN excluded.cron ELSE schedules.cron END,
       enabled = CASE WHEN ? = 1 THEN excluded.enabled ELSE schedules.enabled END,
       updated_at = excluded.updated_at`,
    [job, change.cron ?? null, change.enabled === false ? 0 : 1, nowIso, change.cron !== undefined ? 1 : 0, change.enabled !== undefined ? 1 : 0],
  );
}

/** What `schedule --install` recorded for `kind`, or undefined. */
export async function readInstall(store: Store, kind: 'cron' | 'systemd'): Promise<ScheduleInstallsTable | undefined> {
  if (await predates(store, 'schedule_installs')) return undefined;
  return queryOne<ScheduleInstallsTable>(store, 'SELECT * FROM schedule_installs WHERE kind = ?', [kind]);
}

/** What `schedule --install` recorded for cron and for systemd, in one read: [] when nothing. */
export async function readInstalls(store: Store): Promise<ScheduleInstallsTable[]> {
  if (await predates(store, 'schedule_installs')) return [];
  return queryAll<ScheduleInstallsTable>(store, "SELECT * FROM schedule_installs WHERE kind IN ('cron', 'systemd') ORDER BY kind");
}

/** Records what an install put in place (replacing the previous record of that kind). */
export async function writeInstall(store: Store, kind: 'cron' | 'systemd', items: unknown, nowIso: string): Promise<void> {
  await execute(
    store,
    `INSERT INTO schedule_installs (kind, installed_at, items) VALUES (?, ?, ?)
     ON CONFLICT (kind) DO UPDATE SET installed_at = excluded.installed_at, items = excluded.items`,
    [kind, nowIso, JSON.stringify(items)],
  );
}

export async function deleteInstall(store: Store, kind: 'cron' | 'systemd'): Promise<void> {
  await execute(store, 'DELETE FROM schedule_installs WHERE kind = ?', [kind]);
}
