import { existsSync } from 'node:fs';
import { exitCodeOf, oneLineMessage } from '../errors.js';
import { openSqliteForReading } from '../store/open-sqlite-read.js';
import type { PostgresTarget } from '../store/postgres/postgres-url.js';
import { queryOne } from '../store/raw-query.js';
import { readSchemaVersion } from '../store/schema-version.js';
import type { Check, CheckResult } from './check.js';

/**
 * The database opens and passes SQLite's quick_check, read without a change (doctor only looks).
 * A missing file is fine: runs create it.
 */
export const databaseCheck: Check = {
  name: 'database',
  async run(ctx) {
    if (!ctx.config) return { status: 'skip', detail: 'no configuration' };
    if (ctx.config.database.dialect === 'postgres') return checkPostgres(ctx.config.database);
    const path = ctx.config.dbPath;
    if (!existsSync(path)) return { status: 'pass', detail: `${path} does not exist yet; the first run creates it` };
    const store = await openSqliteForReading(path, { allowMissing: false });
    try {
      const check = store.sqlite.pragma('quick_check', { simple: true }) as string;
      if (check !== 'ok') return { status: 'fail', detail: `${path} is damaged: ${check}`, exitCode: 78 };
      const tickets = store.sqlite.prepare('SELECT count(*) FROM tickets WHERE deleted = 0').pluck().get() as number;
      const version = store.sqlite.pragma('user_version', { simple: true }) as number;
      return { status: 'pass', detail: `${path} (schema ${version}, ${tickets} tickets)` };
    } finally {
      store.close();
    }
  },
};

/** The server answers, the login works, and the schema is ours and current; read-only (every transaction READ ONLY). */
async function checkPostgres(target: PostgresTarget): Promise<CheckResult> {
  const { openPostgres } = await import('../store/postgres/open-postgres.js');
  let store;
  try {
    store = await openPostgres(target, { readOnly: true, allowMissing: true });
  } catch (error) {
    return { status: 'fail', detail: oneLineMessage(error), exitCode: exitCodeOf(error) };
  }
  try {
    if (!store.exists) return { status: 'pass', detail: `${target.shown} has no issuetrack tables yet; the first run creates them` };
    const tickets = (await queryOne<{ n: number }>(store, 'SELECT count(*) AS n FROM tickets WHERE deleted = 0'))!.n;
    return { status: 'pass', detail: `${target.shown} (schema ${await readSchemaVersion(store)}, ${tickets} tickets)` };
  } finally {
    await store.close();
  }
}
