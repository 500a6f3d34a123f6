/**
 * A schema step. `version` is recorded once `sql` has run: in PRAGMA user_version on SQLite, in
 * the issuetrack_schema row on PostgreSQL (store/postgres/migrate-postgres.ts).
 */
export interface Migration {
  version: number;
  name: string;
  /** SQLite's text. Runs inside the migrator's BEGIN IMMEDIATE transaction; must not commit by itself. */
  sql: string;
  /**
   * PostgreSQL's text where it differs from `sql` (wider integer and real types, identity
   * columns, trigger functions); `sql` runs as is when absent. Runs inside the migrator's
   * transaction, under its advisory lock; must not commit by itself.
   */
  postgres?: string;
}
