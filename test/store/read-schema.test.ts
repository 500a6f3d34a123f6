import { describe, expect, it } from 'vitest';
import { bareStore } from '../../src/store/bare-store.js';
import { openSqliteForReading } from '../../src/store/open-sqlite-read.js';
import { hasTable } from '../../src/store/raw-query.js';
import { readSchemaVersion } from '../../src/store/schema-version.js';
import { tempStore } from '../helpers/store.js';

describe('a read-only open of an SQLite file', () => {
  it('answers hasTable and the schema version from what it checked, as SQLite itself answers them', async () => {
    const written = tempStore();
    const path = written.path;
    const tables = written.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
    const version = written.sqlite.pragma('user_version', { simple: true }) as number;
    await written.close();

    const found = await openSqliteForReading(path, { allowMissing: false });
    const store = bareStore(path, found.sqlite, { schema: found.schema, onClose: found.close });
    const asked = bareStore(path, found.sqlite); // no schema: every answer from SQLite
    try {
      expect(found.schema?.version).toBe(version);
      for (const name of [...tables, 'schedules', 'no_such_table', 'sqlite_master']) {
        expect(await hasTable(store, name), name).toBe(await hasTable(asked, name));
      }
      expect(tables).toContain('schedule_installs');
      expect(await readSchemaVersion(store)).toBe(await readSchemaVersion(asked));
    } finally {
      await store.close();
    }
  });
});
