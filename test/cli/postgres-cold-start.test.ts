import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { CLI_PATH, cliEnv } from '../helpers/cli.js';
import { createDatabase, describePostgres } from '../helpers/postgres.js';
import { tempDir } from '../helpers/temp-dir.js';

/*
 * pg asks at load time whether it runs in a Cloudflare Worker; on Node 20 (no `navigator`) that
 * question builds a fetch Response and loads undici, ~25 ms of status's start-up. open-postgres.ts
 * answers it instead; this checks, through the module list of the real process, that it holds.
 * pg itself comes from its bundle beside status's (dist/fast/pg.cjs, build.mjs), not from some
 * forty files of node_modules.
 */
describePostgres('status on PostgreSQL starts light', () => {
  it('loads pg from its bundle without undici or the ESM loader, and leaves no navigator behind', async () => {
    const home = tempDir();
    const probe = join(home, 'probe.cjs');
    writeFileSync(
      probe,
      `process.on('exit', () => process.stderr.write('PROBE ' + JSON.stringify({
        undici: process.moduleLoadList.some((m) => m.includes('undici')),
        esmLoader: process.moduleLoadList.some((m) => m.includes('esm/loader')),
        dnsOrWebcrypto: process.moduleLoadList.filter((m) => m === 'NativeModule dns' || m.endsWith('crypto/webcrypto')),
        pgFiles: Object.keys(require.cache).filter((f) => f.includes('/node_modules/pg')).length,
        navigator: typeof globalThis.navigator,
      }) + '\\n'));\n`,
    );
    const url = await createDatabase();
    const result = spawnSync(process.execPath, ['-r', probe, CLI_PATH, 'status', '--json', '--db', url], { env: cliEnv(home), encoding: 'utf8' });
    expect({ status: result.status, stderr: result.stderr.replace(/PROBE .*\n/, '') }).toEqual({ status: 0, stderr: '' });
    expect(JSON.parse(result.stdout).database.path).toMatch(/^postgresql:\/\//); // it did read PostgreSQL, through pg
    const probed = JSON.parse(/PROBE (.*)/.exec(result.stderr)![1]!);
    // Node 21+ has a navigator of its own; the check is about Node 20's lack of one.
    // node:module (createRequire) would bring the ESM loader along: node-require.ts avoids it.
    // pg's requires of node:dns and of its crypto helpers load on first use (build.mjs): a
    // server that trusts the role needs neither.
    expect(probed).toEqual({ undici: false, esmLoader: false, dnsOrWebcrypto: [], pgFiles: 0, navigator: process.versions.node.startsWith('20.') ? 'undefined' : 'object' });
  });
});
