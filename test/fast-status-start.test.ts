import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';
import { cliEnv, runCli } from './helpers/cli.js';
import { tempDir } from './helpers/temp-dir.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const DIST = join(ROOT, 'dist');
// Where the copies below go: inside the package folder, so node_modules resolves as from dist/, but
// outside dist/, which the package test packs meanwhile (`npm pack` fails on a file that goes away).
const COPIES = join(ROOT, 'dist-copies');

/** A copy of dist/fast (node_modules resolves the same), removed after the test. */
function fastCopy(change: (dir: string) => void): string {
  mkdirSync(COPIES, { recursive: true });
  const dir = mkdtempSync(join(COPIES, 'fast-copy-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(join(DIST, 'fast'), dir, { recursive: true });
  change(dir);
  return dir;
}

/**
 * bin/issuetrack and dist/ copied into a folder of COPIES (node_modules resolves as from the
 * package), with `change` made to the copy of dist/fast; the path of the copied bin.
 */
function binCopy(change: (fast: string) => void): string {
  mkdirSync(COPIES, { recursive: true });
  const tree = mkdtempSync(join(COPIES, 'bin-copy-'));
  onTestFinished(() => rmSync(tree, { recursive: true, force: true }));
  cpSync(join(ROOT, 'bin'), join(tree, 'bin'), { recursive: true });
  // All of dist/ (the full CLI too).
  for (const name of readdirSync(DIST)) cpSync(join(DIST, name), join(tree, 'dist', name), { recursive: true });
  change(join(tree, 'dist', 'fast'));
  return join(tree, 'bin', 'issuetrack');
}

describe('the status fast path and its code cache', () => {
  it('answers the same whether the code cache is used, damaged, of another build or missing', async () => {
    const home = tempDir();
    const db = join(home, 'x.db');
    expect((await runCli(['trends', '--db', db], { env: cliEnv(home) })).exitCode).toBe(0);
    const withCache = await runCli(['status', '--json', '--db', db], { env: cliEnv(home) });
    expect(withCache.exitCode).toBe(0);
    const expected = JSON.parse(withCache.stdout) as { totals: unknown; jobs: Array<{ name: string }> };

    const cache = (fast: string) => join(fast, 'status.cjs.cache');
    const id = readFileSync(cache(join(DIST, 'fast'))).subarray(0, 16);
    const bins = {
      used: binCopy(() => undefined),
      damaged: binCopy((fast) => writeFileSync(cache(fast), Buffer.concat([id, Buffer.alloc(4096, 0x5a)]))),
      otherBuild: binCopy((fast) => writeFileSync(cache(fast), Buffer.concat([Buffer.from('0123456789abcdef'), readFileSync(cache(fast)).subarray(16)]))),
      truncated: binCopy((fast) => writeFileSync(cache(fast), id.subarray(0, 10))),
      missing: binCopy((fast) => rmSync(cache(fast))),
    };
    for (const [name, bin] of Object.entries(bins)) {
      const run = spawnSync(process.execPath, [bin, 'status', '--json', '--db', db], { env: cliEnv(home), encoding: 'utf8' });
      expect(run.stderr, name).toBe('');
      expect(run.status, name).toBe(0);
      const got = JSON.parse(run.stdout) as typeof expected;
      expect(got.totals, name).toEqual(expected.totals);
      expect(got.jobs.map((j) => j.name), name).toEqual(expected.jobs.map((j) => j.name));
    }
  });

  it('leaves every call status.cjs declines, and a missing bundle, to the full CLI', () => {
    const home = tempDir();
    const noBundle = binCopy((fast) => rmSync(join(fast, 'status.cjs')));
    for (const bin of [binCopy(() => undefined), noBundle]) {
      const declined = spawnSync(process.execPath, [bin, 'status', '--bogus'], { env: cliEnv(home), encoding: 'utf8' });
      expect(declined.status).toBe(64);
      expect(declined.stderr).toMatch(/^issuetrack: .*--bogus/);
    }
    // Without its bundle, a plain status call is answered by the full CLI all the same.
    const full = spawnSync(process.execPath, [noBundle, 'status', '--json', '--db', join(home, 'none.db')], { env: cliEnv(home), encoding: 'utf8' });
    expect({ status: full.status, stderr: full.stderr }).toEqual({ status: 0, stderr: '' });
    expect(JSON.parse(full.stdout)).toMatchObject({ database: { exists: false } });
  });

  it('says that dist/ is missing when there is nothing to run', () => {
    const bin = binCopy((fast) => rmSync(join(fast, '..'), { recursive: true }));
    for (const args of [['status', '--json'], ['sync']]) {
      const run = spawnSync(process.execPath, [bin, ...args], { env: cliEnv(tempDir()), encoding: 'utf8' });
      expect({ status: run.status, stderr: run.stderr, stdout: run.stdout }).toEqual({
        status: 1,
        stderr: 'issuetrack: dist/ is missing; run `npm run build` in the issuetrack folder\n',
        stdout: '',
      });
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
