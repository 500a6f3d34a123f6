import { resolve } from 'node:path';
import { loadConfig, taskReporter, type GlobalOptions } from '../build-deps.js';
import { systemClock } from '../clock.js';
import { databasePathFromUrl } from '../config.js';
import { copyStore } from '../db-copy/copy-store.js';
import { UsageError } from '../errors.js';
import type { ProcessContext } from '../process-context.js';
import { isPostgresUrl } from '../store/postgres/postgres-url.js';

export interface DbCopyOptions extends GlobalOptions {
  from?: string;
  to?: string;
}

/**
 * `issuetrack db copy --from FILE.db --to postgresql://…`: copies an SQLite store whole into an
 * empty PostgreSQL database (src/db-copy/). --to defaults to the configured database (--db,
 * ISSUETRACK_DB, DATABASE_URL), so the password can stay in the environment.
 */
export async function dbCopyCommand(opts: DbCopyOptions, ctx: ProcessContext): Promise<void> {
  if (!opts.from) throw new UsageError('db copy needs --from FILE.db: the SQLite store to copy');
  if (isPostgresUrl(opts.from)) throw new UsageError('--from takes an SQLite file (db copy moves an SQLite store to PostgreSQL)');
  const config = loadConfig({ ...opts, db: opts.to ?? opts.db }, ctx.term);
  if (config.database.dialect !== 'postgres') {
    throw new UsageError(`db copy writes to PostgreSQL: give --to postgresql://… (or set DATABASE_URL to one); got ${config.dbPath}`);
  }
  const reporter = await taskReporter(opts, ctx.term);
  const result = await copyStore({
    from: resolve(databasePathFromUrl(opts.from)),
    to: config.database,
    reporter,
    signal: ctx.signal,
    now: systemClock.now,
  }).finally(() => reporter.stop());
  ctx.term.stdout.write(
    opts.json
      ? JSON.stringify(result) + '\n'
      : `copied ${result.rows} rows in ${result.tables.length} tables from ${result.from} to ${result.to} in ${(result.duration_ms / 1000).toFixed(1)} s\n`,
  );
}
