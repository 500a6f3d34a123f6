import type BetterSqlite3 from 'better-sqlite3';
import { ConfigError, asIssuetrackError } from '../errors.js';
import { LATEST_SCHEMA_VERSION } from './schema-latest.js';

/** What an opened file holds: nothing yet (a new database), or issuetrack's schema at `version`. */
export type SchemaState = { kind: 'empty' } | { kind: 'issuetrack'; version: number; tables: string[] };

/**
 * Reads, through SQLite itself, what the file behind `sqlite` holds. Never writes. Throws
 * ConfigError (78) for a file that is not SQLite, is damaged, belongs to another application
 * or was written by a newer issuetrack. Through SQLite and not by reading the header with a
 * file handle of our own: closing a second descriptor on a file drops every POSIX lock this
 * process holds on it, so a `serve` that checked the header again for each run let another
 * client delete the -wal and -shm files under it (issue 11).
 */
export function inspectSchema(sqlite: BetterSqlite3.Database, path: string): SchemaState {
  let version: number;
  let tables: string[];
  try {
    // Both in one read transaction, so they see one state of the file. Read apart, a process that
    // read the version (0) just before another committed the first migrations and the tables just
    // after took a new issuetrack database for another application's (78; seen with eight
    // processes racing on a new file, test/worker/lease-processes.test.ts).
    ({ version, tables } = sqlite.transaction(() => ({
      version: sqlite.pragma('user_version', { simple: true }) as number,
      tables: sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[],
    }))());
  } catch (error) {
    if ((error as { code?: unknown }).code === 'SQLITE_NOTADB') {
      throw new ConfigError(`not an SQLite database: ${path} (left untouched)`, { cause: error });
    }
    throw new ConfigError(`cannot read database ${path}: ${asIssuetrackError(error)?.message ?? (error as Error).message}`, { cause: error });
  }
  if (version > LATEST_SCHEMA_VERSION) {
    throw new ConfigError(
      `database ${path} was written by a newer issuetrack (schema ${version}, this one knows up to ${LATEST_SCHEMA_VERSION}); upgrade issuetrack`,
    );
  }
  if (version === 0 && tables.length === 0) return { kind: 'empty' };
  if (version === 0 || !tables.includes('worker_status')) {
    const shown = tables.slice(0, 3).join(', ') + (tables.length > 3 ? ', …' : '');
    throw new ConfigError(
      `${path} is an SQLite database of another application (tables: ${shown || 'none'}); issuetrack leaves it untouched: give another --db`,
    );
  }
  return { kind: 'issuetrack', version, tables };
}
