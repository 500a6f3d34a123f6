import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CLI_PATH, cliEnv } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const HOOK = fileURLToPath(new URL('../fixtures/forbid-heavy-modules.mjs', import.meta.url));

function runWithHook(args: string[], env: Record<string, string>) {
  return spawnSync(process.execPath, ['--import', HOOK, ...args], { env, encoding: 'utf8' });
}

describe('cold start', () => {
  it('the guard hook does catch a heavy import (control)', () => {
    const env = cliEnv(tempDir());
    const result = runWithHook(['--input-type=module', '-e', "await import('ora')"], env);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/heavy module loaded: ora/);
  });

  it('status and --help load neither ora, fastify, node-zendesk nor the Anthropic SDK', () => {
    const home = tempDir();
    const env = cliEnv(home);
    const status = runWithHook([CLI_PATH, 'status', '--json', '--db', join(home, 'x.db')], env);
    expect(status.stderr).toBe('');
    expect(status.status).toBe(0);
    const help = runWithHook([CLI_PATH, '--help'], env);
    expect(help.status).toBe(0);
  });
});
