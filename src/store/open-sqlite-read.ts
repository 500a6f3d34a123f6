import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { ConfigError } from '../errors.js';
import { nodeRequire } from '../node-require.js';
import { inspectSchema } from './inspect-sqlite.js';
import { LATEST_SCHEMA_VERSION } from './schema-latest.js';
import { BUSY_TIMEOUT_MS, isWritable, newSqlite, refuseUnusablePath } from './sqlite-file.js';

/** A handle for a command that only reads, and what it found at the path. */
export interface ReadHandle {
  sqlite: BetterSqlite3.Database;
  /** False when nothing is at the path: `sqlite` is then an empty in-memory database. */
  exists: boolean;
  /** True when the file or its folder is not writable by this user. */
  readOnly: boolean;
  /** The file's schema version and tables, as checked at open; undefined for the empty in-memory database. */
  schema?: { version: number; tables: ReadonlySet<string> };
  /** Closes the handle and removes what opening it made (see readCopy). */
  close(): void;
}

/**
 * Opens the database at `path` for a command that only reads (status, issues, report, export,
 * doctor): it never creates the file, never migrates, never switches the journal mode, and
 * the connection is `query_only`, so nothing it runs can write. Missing (with `allowMissing`;
 * a missing folder too) or empty files read as an empty in-memory database of the current schema. Throws
 * ConfigError (78) when the file is missing (without `allowMissing`), not SQLite, damaged,
 * another application's, of an older or newer schema. `verify` runs SQLite's quick_check
 * first (every page, ~0.4 s per 50k tickets): a command that prints the database's contents
 * must not print what it could read of a damaged file and exit 0.
 *
 * A writable file is opened read-write all the same: SQLite's last read-write connection to
 * close removes the -wal and -shm files it needed, while a read-only one leaves them behind.
 */
export async function openSqliteForReading(path: string, opts: { allowMissing: boolean; verify?: boolean }): Promise<ReadHandle> {
  const found = refuseUnusablePath(path, { missingFolderIsNothing: opts.allowMissing });
  if (!found) {
    if (!opts.allowMissing) {
      throw new ConfigError(`no database at ${path}: a task creates it (issuetrack sync), or try issuetrack demo --db ${path}`);
    }
    return handle(await emptyDatabase(), { exists: false, readOnly: false });
  }
  const readOnly = !isWritable(path);
  if (found.size === 0) return handle(await emptyDatabase(), { exists: true, readOnly });
  // A read-only SQLite handle on a WAL database needs the -shm and -wal files: it would create
  // them (and leave them) beside a read-only file, and fails in a read-only folder. When no
  // writer has them open, read a private copy instead (O(size), only for read-only files).
  const copy = readOnly && !existsSync(`${path}-shm`) ? privateCopy(path) : undefined;
  let sqlite: BetterSqlite3.Database;
  try {
    sqlite = newSqlite(copy?.path ?? path, { fileMustExist: true, readonly: readOnly && !copy, timeout: BUSY_TIMEOUT_MS });
  } catch (error) {
    copy?.remove();
    throw new ConfigError(`cannot open database ${path}: ${(error as Error).message}`, { cause: error });
  }
  let schema: ReadHandle['schema'];
  try {
    sqlite.pragma('query_only = ON');
    const state = inspectSchema(sqlite, path);
    if (state.kind === 'empty') {
      sqlite.close();
      copy?.remove();
      return handle(await emptyDatabase(), { exists: true, readOnly });
    }
    if (state.version < LATEST_SCHEMA_VERSION) {
      throw new ConfigError(
        `database ${path} has schema ${state.version} and this issuetrack reads ${LATEST_SCHEMA_VERSION}: run a task once (issuetrack trends) to upgrade it; read-only commands never change the file`,
      );
    }
    if (opts.verify) refuseDamaged(sqlite, path);
    schema = { version: state.version, tables: new Set(state.tables) };
  } catch (error) {
    sqlite.close();
    copy?.remove();
    throw error;
  }
  return handle(sqlite, { exists: true, readOnly, schema }, copy?.remove);
}

function handle(sqlite: BetterSqlite3.Database, found: Pick<ReadHandle, 'exists' | 'readOnly' | 'schema'>, cleanup?: () => void): ReadHandle {
  return {
    sqlite,
    ...found,
    close: () => {
      if (sqlite.open) sqlite.close();
      cleanup?.();
    },
  };
}

/** A copy of the file in a private temp folder, and how to remove it. */
function privateCopy(path: string): { path: string; remove: () => void } {
  const tmp = (nodeRequire('node:os') as typeof import('node:os')).tmpdir(); // node:os only here, not at every status
  const dir = mkdtempSync(join(tmp, 'issuetrack-read-'));
  const copy = join(dir, 'copy.db');
  try {
    copyFileSync(path, copy); // this process holds no SQLite handle on `path`: no lock to lose
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw new ConfigError(`cannot read database ${path}: ${(error as Error).message}`, { cause: error });
  }
  return { path: copy, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

function refuseDamaged(sqlite: BetterSqlite3.Database, path: string): void {
  const problems = sqlite.pragma('quick_check(3)', { simple: false }) as Array<{ quick_check: string }>;
  const first = problems[0]?.quick_check ?? 'ok';
  if (first === 'ok') return;
  const detail = problems.map((p) => p.quick_check.replace(/\s+/g, ' ').trim()).join('; ');
  throw new ConfigError(`database ${path} is damaged (SQLite quick_check: ${detail}); restore it from a backup`);
}

/** empty-database.ts, loaded only when needed: it brings every migration (see schema-latest.ts). */
async function emptyDatabase(): Promise<BetterSqlite3.Database> {
  return (await import('./empty-database.js')).emptyDatabase();
}
