import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../src/store/open-store.js';
import { cliEnv, runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
const BUNDLE = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

describe('version reporting', () => {
  it.each(['--version', '-V'])('%s prints the package version and the schema version this build migrates to', async (flag) => {
    const result = await runCli([flag], { env: cliEnv(tempDir()) });
    expect(result).toMatchObject({ exitCode: 0, stderr: '', stdout: `${pkg.version} (schema ${SCHEMA_VERSION})\n` });
  });

  it('status --json reports both, on the fast path that bin/issuetrack takes', async () => {
    const home = tempDir();
    const result = await runCli(['status', '--json', '--db', join(home, 'it.db')], { env: cliEnv(home) });
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ version: pkg.version, schema_version: SCHEMA_VERSION });
  });

  it('status --json reports both through the full program too', () => {
    const home = tempDir();
    const result = spawnSync(process.execPath, [BUNDLE, 'status', '--json', '--db', join(home, 'it.db')], { env: cliEnv(home), encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ version: pkg.version, schema_version: SCHEMA_VERSION });
  });
});
