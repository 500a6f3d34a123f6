import { readFileSync, statSync } from 'node:fs';
import { parseDotenv } from '../dotenv.js';
import { ConfigError } from '../errors.js';
import type { DatabaseTarget } from '../store/database-target.js';
import { isPostgresUrl, parsePostgresUrl } from '../store/postgres/postgres-url.js';

/**
 * Refuses a secrets file a scheduled job could not read safely: missing, not a file, or readable
 * by group or others (it holds API tokens; the same rule as ssh's private keys). ConfigError (78).
 */
export function assertPrivateSecretsFile(path: string): void {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    throw new ConfigError(`secrets file ${path} does not exist; create it with KEY=value lines and chmod 600`);
  }
  if (!stat.isFile()) throw new ConfigError(`secrets file ${path} is not a file`);
  if ((stat.mode & 0o077) !== 0) {
    throw new ConfigError(`secrets file ${path} is readable by group or others (mode ${(stat.mode & 0o777).toString(8)}); run chmod 600 ${path}`);
  }
}

/**
 * On PostgreSQL the scheduled jobs find their database only in the secrets file: its URL holds a
 * password, so it never goes into a crontab line or a unit file (current-invocation.ts). Refuses
 * (78) a missing secrets file, and one that names no database or another one (ISSUETRACK_DB, else
 * DATABASE_URL, as the configuration reads them): the jobs would quietly run against the default
 * SQLite file, or elsewhere, while `status` reads this database. Compared by the URL without its
 * password, which is all any message shows.
 */
export function assertSecretsNameDatabase(path: string | undefined, database: DatabaseTarget): void {
  if (database.dialect !== 'postgres') return;
  if (path === undefined) {
    throw new ConfigError(`scheduled jobs on PostgreSQL read their database from a secrets file (the URL holds a password, so it never goes into a crontab line or a unit file): put DATABASE_URL for ${database.shown} in a chmod 600 file and pass --secrets-file FILE`);
  }
  const vars = parseDotenv(readFileSync(path, 'utf8'));
  const value = vars.ISSUETRACK_DB || vars.DATABASE_URL;
  if (!value) throw new ConfigError(`secrets file ${path} sets neither ISSUETRACK_DB nor DATABASE_URL: the jobs would use the default SQLite file, not ${database.shown}; add DATABASE_URL to it`);
  const named = isPostgresUrl(value) ? parsePostgresUrl(value, undefined).shown : value;
  if (named !== database.shown) throw new ConfigError(`secrets file ${path} names the database ${named}, not ${database.shown}, which this command uses; the jobs would run against ${named}`);
}
