import type BetterSqlite3 from 'better-sqlite3';
import { migrate } from './migrate.js';
import { newSqlite } from './sqlite-file.js';

/** An in-memory database of the current schema: what a command reads when there is no file yet. */
export function emptyDatabase(): BetterSqlite3.Database {
  const sqlite = newSqlite(':memory:');
  migrate(sqlite);
  sqlite.pragma('query_only = ON');
  return sqlite;
}
