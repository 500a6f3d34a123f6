import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import type { SqliteStore as Store } from '../../src/store/store.js';
import { tempDir } from '../helpers/temp-dir.js';

const betterSqlite3 = createRequire(import.meta.url).resolve('better-sqlite3');
const hasSqlite3Cli = spawnSync('sqlite3', ['-version']).status === 0;

/**
 * What serve does: one handle for its whole life, and a store of its own for each run it starts
 * (server/run-launcher.ts). Returns the long-lived one.
 */
function serveLikeProcess(path: string): Store {
  const served = openStore(path);
  served.sqlite.prepare(`INSERT INTO runs (id, task, status, params, pid, host, started_at) VALUES ('r_1', 'trends', 'completed', '{}', 1, 'h', '2026-11-30T00:00:00Z')`).run();
  void openStore(path).close();
  return served;
}

describe('a long-lived handle (serve) next to other SQLite clients', () => {
  it('still holds its lock on the database after the same process opens it again', async () => {
    const path = join(tempDir(), 'serve.db');
    const served = serveLikeProcess(path);
    // Another process asks for an exclusive lock: it must be refused while serve holds its
    // shared one. Closing a second descriptor on the file would have dropped that lock.
    const probe = `const D = require(${JSON.stringify(betterSqlite3)}); const db = new D(process.argv[1], { timeout: 0 });
      db.pragma('locking_mode = EXCLUSIVE'); try { db.exec('BEGIN EXCLUSIVE'); db.exec('COMMIT'); console.log('exclusive'); } catch (e) { console.log(e.code); } db.close();`;
    expect(execFileSync(process.execPath, ['-e', probe, path], { encoding: 'utf8' }).trim()).toBe('SQLITE_BUSY');
    await served.close();
  });

  it.skipIf(!hasSqlite3Cli)('keeps its -wal and -shm files while the sqlite3 shell comes and goes', async () => {
    const path = join(tempDir(), 'serve.db');
    const served = serveLikeProcess(path);
    expect(execFileSync('sqlite3', [path, 'SELECT count(*) FROM runs'], { encoding: 'utf8' }).trim()).toBe('1');
    // The shell deletes both files when it believes itself the last connection.
    expect(existsSync(`${path}-wal`)).toBe(true);
    expect(existsSync(`${path}-shm`)).toBe(true);
    served.sqlite.prepare(`INSERT INTO runs (id, task, status, params, pid, host, started_at) VALUES ('r_2', 'trends', 'completed', '{}', 1, 'h', '2026-11-30T01:00:00Z')`).run();
    expect(execFileSync('sqlite3', [path, 'SELECT count(*) FROM runs'], { encoding: 'utf8' }).trim()).toBe('2');
    await served.close();
  });
});
