import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CLI_PATH, cliEnv, runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const HOOK = fileURLToPath(new URL('../fixtures/forbid-heavy-modules.mjs', import.meta.url));
const RECORD = fileURLToPath(new URL('../fixtures/record-builtins.cjs', import.meta.url));
const FAST_STATUS = fileURLToPath(new URL('../../dist/fast/status.cjs', import.meta.url));

function runWithHook(args: string[], env: Record<string, string>) {
  return spawnSync(process.execPath, ['--import', HOOK, ...args], { env, encoding: 'utf8' });
}

describe('cold start', () => {
  it('the guard catches a heavy module through import and through require (controls)', () => {
    const env = cliEnv(tempDir());
    const imported = runWithHook(['--input-type=module', '-e', "await import('ora')"], env);
    expect(imported.status).not.toBe(0);
    expect(imported.stderr).toMatch(/heavy module loaded: ora/);
    const required = runWithHook(['-e', "require('@anthropic-ai/sdk')"], env);
    expect(required.status).not.toBe(0);
    expect(required.stderr).toMatch(/heavy module loaded: @anthropic-ai\/sdk/);
  });

  it('status and --help load neither ora, fastify nor the Anthropic SDK', () => {
    const home = tempDir();
    const env = cliEnv(home);
    const db = join(home, 'x.db');
    for (const args of [['status', '--json', `--db=${db}`], ['status', '--db', db], ['--db', db, 'status', '-q']]) {
      const status = runWithHook([CLI_PATH, ...args], env);
      expect(status.stderr).toBe('');
      expect(status.status).toBe(0);
    }
    const help = runWithHook([CLI_PATH, '--help'], env);
    expect(help.status).toBe(0);
  });

  it('status --json loads no node built-in beyond bare node but node:vm (for its code cache)', async () => {
    // Each costs status's start (node:module with the ESM loader ~0.3 ms, node:os and an
    // AbortController ~0.2 ms each, node:tty ~2 ms): one imported at the top of a module status
    // uses would load at every start. Compared with an empty script started the same way. (The
    // tables for people ask isatty and the terminal's width: node:tty and the streams, by design.)
    const home = tempDir();
    const db = join(home, 'x.db');
    expect((await runCli(['trends', '--db', db], { env: cliEnv(home) })).exitCode).toBe(0);
    const loaded = (args: string[]) => {
      const list = join(home, 'builtins.txt');
      const run = spawnSync(process.execPath, ['-r', RECORD, ...args], { env: { ...cliEnv(home), RECORD_BUILTINS: list }, encoding: 'utf8' });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      return readFileSync(list, 'utf8').split('\n');
    };
    const empty = join(home, 'empty.cjs');
    writeFileSync(empty, '');
    const bare = new Set(loaded([empty]));
    for (const args of [['status', '--json', '--db', db], ['--db=' + db, 'status', '-q', '--json']]) {
      expect(loaded([CLI_PATH, ...args]).filter((name) => !bare.has(name))).toEqual(['NativeModule vm']);
    }
  });

  it('keeps Kysely and commander out of the status fast path', () => {
    const bundle = readFileSync(FAST_STATUS, 'utf8');
    expect(bundle).not.toMatch(/SqliteQueryCompiler|CommanderError/);
    expect(bundle).toMatch(/worker_status/); // the check reads the right file
  });
});
