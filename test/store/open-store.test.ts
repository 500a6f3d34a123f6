import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { migrations } from '../../src/store/migrations.js';
import { openStore, SCHEMA_VERSION } from '../../src/store/open-store.js';
import { tempDir } from '../helpers/temp-dir.js';

describe('openStore', () => {
  it('creates a new database readable only by its owner, in WAL mode, fully migrated', async () => {
    const path = join(tempDir(), 'new.db');
    const store = openStore(path);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(store.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.sqlite.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    const worker = await store.db.selectFrom('worker_status').selectAll().executeTakeFirstOrThrow();
    expect(worker.status).toBe('idle');
    await store.close();
  });

  it('keeps existing rows when it migrates an older database', async () => {
    const path = join(tempDir(), 'old.db');
    const old = new BetterSqlite3(path);
    old.exec(migrations[0]!.sql);
    old.pragma(`user_version = ${migrations[0]!.version}`);
    old.prepare(`INSERT INTO runs (id, task, status, params, pid, host, started_at) VALUES ('r_old', 'sync', 'completed', '{}', 1, 'h', '2026-01-01T00:00:00.000Z')`).run();
    old.close();

    const store = openStore(path);
    expect(store.sqlite.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    const runs = await store.db.selectFrom('runs').select(['id', 'status']).execute();
    expect(runs).toEqual([{ id: 'r_old', status: 'completed' }]);
    await store.close();
  });

  it('refuses a file that is not SQLite and leaves it byte for byte as it was', () => {
    const path = join(tempDir(), 'notes.txt');
    writeFileSync(path, 'these are my notes, not a database\n'.repeat(100));
    const before = readFileSync(path);
    expect(() => openStore(path)).toThrow(ConfigError);
    expect(() => openStore(path)).toThrow(/not an SQLite database/);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('refuses a database written by a newer issuetrack and leaves it untouched', () => {
    const path = join(tempDir(), 'newer.db');
    const newer = new BetterSqlite3(path);
    newer.exec('CREATE TABLE future (x)');
    newer.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
    newer.close();
    const before = readFileSync(path);
    let error: unknown;
    try {
      openStore(path);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).exitCode).toBe(78);
    expect((error as Error).message).toMatch(/newer issuetrack/);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('refuses a path whose folder does not exist', () => {
    expect(() => openStore(join(tempDir(), 'missing', 'x.db'))).toThrow(/database folder does not exist/);
  });

  it('refuses a folder given as the database path', () => {
    expect(() => openStore(tempDir())).toThrow(/not a file/);
  });

  it('migrates once when several connections open a new database', async () => {
    const path = join(tempDir(), 'shared.db');
    const stores = Array.from({ length: 4 }, () => openStore(path));
    const rows = await stores[0]!.db.selectFrom('worker_status').selectAll().execute();
    expect(rows).toHaveLength(1);
    await Promise.all(stores.map((s) => s.close()));
  });
});
