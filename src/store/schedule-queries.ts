import type BetterSqlite3 from 'better-sqlite3';
import type { ScheduleInstallsTable, SchedulesTable } from './schema-schedules.js';

/*
 * The schedules a user set and the record of installs. Raw statements, as in status-queries.ts:
 * `status` reads them and must not load Kysely.
 */

/** Every schedule row; [] when the user changed nothing, or the database predates migration 9. */
export function readScheduleRows(sqlite: BetterSqlite3.Database): SchedulesTable[] {
  if (!hasTable(sqlite, 'schedules')) return [];
  return sqlite.prepare('SELECT * FROM schedules ORDER BY job').all() as SchedulesTable[];
}

/** Sets a job's expression (null: back to its default) and/or its enabled flag. Idempotent. */
export function writeScheduleRow(
  sqlite: BetterSqlite3.Database,
  job: string,
  change: { cron?: string | null; enabled?: boolean },
  nowIso: string,
): void {
  sqlite
    .prepare(
      `INSERT INTO schedules (job, cron, enabled, updated_at) VALUES (@job, @cron, @enabled, @now)
       ON CONFLICT (job) DO UPDATE SET
         cron = CASE WHEN @setCron THEN excluded.cron ELSE cron END,
         enabled = CASE WHEN @setEnabled THEN excluded.enabled ELSE enabled END,
         updated_at = excluded.updated_at`,
    )
    .run({
      job,
      cron: change.cron ?? null,
      enabled: change.enabled === false ? 0 : 1,
      now: nowIso,
      setCron: change.cron !== undefined ? 1 : 0,
      setEnabled: change.enabled !== undefined ? 1 : 0,
    });
}

/** The record of an install of `kind`, or undefined. */
export function readInstall(sqlite: BetterSqlite3.Database, kind: 'cron' | 'systemd'): ScheduleInstallsTable | undefined {
  if (!hasTable(sqlite, 'schedule_installs')) return undefined;
  return sqlite.prepare('SELECT * FROM schedule_installs WHERE kind = ?').get(kind) as ScheduleInstallsTable | undefined;
}

/** Records (replaces) what an install of `kind` put in place. */
export function writeInstall(sqlite: BetterSqlite3.Database, kind: 'cron' | 'systemd', items: unknown, nowIso: string): void {
  sqlite
    .prepare('INSERT OR REPLACE INTO schedule_installs (kind, installed_at, items) VALUES (?, ?, ?)')
    .run(kind, nowIso, JSON.stringify(items));
}

/** Forgets the install of `kind` (after an uninstall). */
export function deleteInstall(sqlite: BetterSqlite3.Database, kind: 'cron' | 'systemd'): void {
  sqlite.prepare('DELETE FROM schedule_installs WHERE kind = ?').run(kind);
}

/** A database opened read-only by a newer or older issuetrack may lack these tables. */
function hasTable(sqlite: BetterSqlite3.Database, name: string): boolean {
  return sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(name) !== undefined;
}
