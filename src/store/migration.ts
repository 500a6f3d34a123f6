/** A schema step. `version` is stored in PRAGMA user_version once `sql` has run. */
export interface Migration {
  version: number;
  name: string;
  /** Runs inside the migrator's BEGIN IMMEDIATE transaction; must not commit by itself. */
  sql: string;
}
