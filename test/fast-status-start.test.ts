import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';
import { cliEnv, runCli } from './helpers/cli.js';
import { tempDir } from './helpers/temp-dir.js';

const DIST = fileURLToPath(new URL('../dist/', import.meta.url));

/** A copy of dist/fast beside it (so node_modules resolves the same), removed after the test. */
function fastCopy(change: (dir: string) => void): string {
  const dir = mkdtempSync(join(DIST, 'fast-copy-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(join(DIST, 'fast'), dir, { recursive: true });
  change(dir);
  return dir;
}

/** `status --json` answered by the start.cjs in `dir`, as bin/issuetrack calls it. */
function statusFrom(dir: string, db: string, home: string) {
  const script = `require(${JSON.stringify(join(dir, 'start.cjs'))}).runFastStatus(['status', '--json', '--db', ${JSON.stringify(db)}], ${JSON.stringify(dir)})`;
  return spawnSync(process.execPath, ['-e', script], { env: cliEnv(home), encoding: 'utf8' });
}

describe('the status fast path and its code cache', () => {
  it('answers the same whether the code cache is used, damaged, of another build or missing', async () => {
    const home = tempDir();
    const db = join(home, 'x.db');
    expect((await runCli(['trends', '--db', db], { env: cliEnv(home) })).exitCode).toBe(0);
    const withCache = await runCli(['status', '--json', '--db', db], { env: cliEnv(home) });
    expect(withCache.exitCode).toBe(0);
    const expected = JSON.parse(withCache.stdout) as { totals: unknown; jobs: Array<{ name: string }> };

    const cache = (dir: string) => join(dir, 'status.cjs.cache');
    const id = readFileSync(cache(join(DIST, 'fast'))).subarray(0, 16);
    const copies = {
      damaged: fastCopy((dir) => writeFileSync(cache(dir), Buffer.concat([id, Buffer.alloc(4096, 0x5a)]))),
      otherBuild: fastCopy((dir) => writeFileSync(cache(dir), Buffer.concat([Buffer.from('0123456789abcdef'), readFileSync(cache(dir)).subarray(16)]))),
      missing: fastCopy((dir) => rmSync(cache(dir))),
    };
    for (const [name, dir] of Object.entries(copies)) {
      const run = statusFrom(dir, db, home);
      expect(run.stderr, name).toBe('');
      expect(run.status, name).toBe(0);
      const got = JSON.parse(run.stdout) as typeof expected;
      expect(got.totals, name).toEqual(expected.totals);
      expect(got.jobs.map((j) => j.name), name).toEqual(expected.jobs.map((j) => j.name));
    }
  });

  it('loads pg from its own bundle (status on PostgreSQL) whether its code cache is used, damaged, of another build or missing', () => {
    // status.cjs holds no pg: status on SQLite never reads it (build.mjs).
    expect(readFileSync(join(DIST, 'fast', 'status.cjs'), 'utf8')).not.toMatch(/client_encoding|pg-native/);
    const cache = (dir: string) => join(dir, 'pg.cjs.cache');
    const id = readFileSync(cache(join(DIST, 'fast'))).subarray(0, 16);
    const copies = {
      used: join(DIST, 'fast'),
      damaged: fastCopy((dir) => writeFileSync(cache(dir), Buffer.concat([id, Buffer.alloc(4096, 0x5a)]))),
      otherBuild: fastCopy((dir) => writeFileSync(cache(dir), Buffer.concat([Buffer.from('0123456789abcdef'), readFileSync(cache(dir)).subarray(16)]))),
      missing: fastCopy((dir) => rmSync(cache(dir))),
    };
    for (const [name, dir] of Object.entries(copies)) {
      const script = `const pg = require(${JSON.stringify(join(dir, 'start.cjs'))}).loadFastPg(); console.log(typeof pg.Pool, typeof pg.types.getTypeParser, Object.keys(require.cache).filter((f) => f.includes('node_modules')).length)`;
      const run = spawnSync(process.execPath, ['-e', script], { env: cliEnv(tempDir()), encoding: 'utf8' });
      expect({ stderr: run.stderr, status: run.status, stdout: run.stdout }, name).toEqual({ stderr: '', status: 0, stdout: 'function function 0\n' });
    }
  });
});
