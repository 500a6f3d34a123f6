import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';
import { emptyDatabase, listenScripted } from '../../src/store/postgres/scripted-postgres.js';
import { CLI_PATH, cliEnv, collect, runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import { spawn } from 'node:child_process';

const FAST = fileURLToPath(new URL('../../dist/fast/', import.meta.url));

async function scripted(): Promise<string> {
  const server = await listenScripted(emptyDatabase);
  onTestFinished(() => server.close());
  return `postgresql://issuetrack@127.0.0.1:${server.port}/issuetrack?sslmode=disable`;
}

/*
 * build.mjs writes status.cjs's cache for PostgreSQL while `status` reads the server scripted in
 * scripted-postgres.ts (the build has no real one), and bin/issuetrack takes that cache when the
 * database it is given is a PostgreSQL URL.
 */
describe('the scripted server behind the code caches of status on PostgreSQL', () => {
  it('is an empty database to status: it connects, reads behind the schema check, and reports the database missing', async () => {
    const url = await scripted();
    const result = await runCli(['status', '--json', '--db', url], { env: cliEnv(tempDir()) });
    expect({ exitCode: result.exitCode, stderr: result.stderr }).toEqual({ exitCode: 0, stderr: '' });
    expect(JSON.parse(result.stdout).database).toMatchObject({ path: expect.stringMatching(/^postgresql:\/\/issuetrack@127\.0\.0\.1:\d+\/issuetrack$/), exists: false });
  });

  it('gives bin/issuetrack code cache of status on PostgreSQL for a PostgreSQL URL (--db or the environment), the other one otherwise', async () => {
    const home = tempDir();
    // Which cache bin/issuetrack offers V8 for status.cjs, and whether V8 took it.
    const probe = join(home, 'probe.cjs');
    writeFileSync(
      probe,
      `const vm = require('node:vm');
      const Script = vm.Script;
      vm.Script = class extends Script {
        constructor(code, options) {
          super(code, options);
          if (String(options && options.filename).endsWith('status.cjs')) {
            const offered = options.cachedData ? options.cachedData.length : 0;
            const rejected = this.cachedDataRejected;
            process.on('exit', () => process.stderr.write('PROBE ' + JSON.stringify({ offered, rejected }) + '\\n'));
          }
        }
      };\n`,
    );
    const size = (name: string) => statSync(join(FAST, name)).size - 16; // after the build id
    const url = await scripted();
    const db = join(home, 'x.db');
    const calls: [string, string[], Record<string, string>, string][] = [
      ['--db postgresql://', ['status', '--json', '--db', url], {}, 'status.cjs.postgres.cache'],
      ['--db=POSTGRESQL://', ['status', '--json', `--db=${url.replace('postgresql', 'POSTGRESQL')}`], {}, 'status.cjs.postgres.cache'],
      ['DATABASE_URL', ['status', '--json'], { DATABASE_URL: url }, 'status.cjs.postgres.cache'],
      ['ISSUETRACK_DB over DATABASE_URL', ['status', '--json'], { ISSUETRACK_DB: db, DATABASE_URL: url }, 'status.cjs.cache'],
      ['--db FILE', ['status', '--json', '--db', db], { DATABASE_URL: url }, 'status.cjs.cache'],
    ];
    for (const [name, args, extra, cache] of calls) {
      const child = spawn(process.execPath, ['-r', probe, CLI_PATH, ...args], { env: cliEnv(home, extra), stdio: ['ignore', 'pipe', 'pipe'] });
      const result = await collect(child);
      expect({ exitCode: result.exitCode, stderr: result.stderr.replace(/PROBE .*\n/, '') }, name).toEqual({ exitCode: 0, stderr: '' });
      expect(JSON.parse(/PROBE (.*)/.exec(result.stderr)![1]!), name).toEqual({ offered: size(cache), rejected: false });
    }
    expect(readFileSync(join(FAST, 'status.cjs.postgres.cache')).subarray(0, 16)).toEqual(readFileSync(join(FAST, 'status.cjs.cache')).subarray(0, 16));
  });
});
