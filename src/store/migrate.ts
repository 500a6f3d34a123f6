import type BetterSqlite3 from 'better-sqlite3';
import { migrations } from './migrations.js';

/** The schema version this issuetrack writes: the last migration's. */
export const SCHEMA_VERSION = migrations[migrations.length - 1]!.version;

/** Applies pending migrations in one BEGIN IMMEDIATE, so racing processes migrate exactly once. */
export function migrate(sqlite: BetterSqlite3.Database): void {
  const current = () => sqlite.pragma('user_version', { simple: true }) as number;
  if (current() === SCHEMA_VERSION) return;
  sqlite
    .transaction(() => {
      const from = current(); // re-read under the write lock: another process may have won
      for (const migration of migrations) {
        if (migration.version <= from) continue;
        sqlite.exec(migration.sql);
        sqlite.pragma(`user_version = ${migration.version}`);
      }
    })
    .immediate();
}
