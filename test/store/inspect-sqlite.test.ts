import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectSchema } from '../../src/store/inspect-sqlite.js';
import { tempDir } from '../helpers/temp-dir.js';

describe('inspectSchema', () => {
  it('reads the version and the tables as one state of the file, so a migration committed between the two reads cannot make a new database look foreign', () => {
    const path = join(tempDir(), 'race.db');
    const writer = new Database(path);
    writer.pragma('journal_mode = WAL'); // a reader's snapshot then lets the writer commit
    const reader = new Database(path);
    // Another process's first migration commits right after this process has read the version.
    const readVersionThenRace = (...args: Parameters<Database.Database['pragma']>) => {
      const out = reader.pragma(...args);
      if (args[0] === 'user_version') writer.exec('BEGIN IMMEDIATE; CREATE TABLE worker_status (id INTEGER); PRAGMA user_version = 1; COMMIT');
      return out;
    };
    const racing = new Proxy(reader, {
      get: (target, key) => (key === 'pragma' ? readVersionThenRace : Reflect.get(target, key, target)),
    });
    expect(inspectSchema(racing, path)).toEqual({ kind: 'empty' });
    // Read again, the committed schema is issuetrack's.
    expect(inspectSchema(reader, path)).toEqual({ kind: 'issuetrack', version: 1, tables: ['worker_status'] });
    reader.close();
    writer.close();
  });
});
