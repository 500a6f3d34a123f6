import { existsSync } from 'node:fs';
import { openSqliteForReading } from '../store/open-sqlite-read.js';
import type { Check } from './check.js';

/**
 * The database opens and passes SQLite's quick_check, read without a change (doctor only looks).
 * A missing file is fine: runs create it.
 */
export const databaseCheck: Check = {
  name: 'database',
  async run(ctx) {
    if (!ctx.config) return { status: 'skip', detail: 'no configuration' };
    const path = ctx.config.dbPath;
    if (!existsSync(path)) return { status: 'pass', detail: `${path} does not exist yet; the first run creates it` };
    const store = openSqliteForReading(path, { allowMissing: false });
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
