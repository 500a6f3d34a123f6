import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clampTerminalSize, saneCells } from '../../src/output/terminal-size.js';
import { ZendeskModel } from '../../src/sandbox/zendesk-model.js';
import { TEST_CREDENTIALS } from '../../src/sandbox/zendesk-server.js';
import { CLI_PATH, cliEnv, collect } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import { fakeZendesk } from '../zendesk/sync-harness.js';

describe('a terminal that reports no size', () => {
  it('reads as 80×24 in place of 0, negative, fractional or absurd sizes, also after a resize', () => {
    expect([0, -3, 1.5, Number.NaN, 1e9, undefined, 120].map((v) => saneCells(v, 80))).toEqual([80, 80, 80, 80, 80, 80, 120]);
    const stream: { columns?: number; rows?: number } = { columns: 0, rows: 0 };
    clampTerminalSize(stream);
    expect([stream.columns, stream.rows]).toEqual([80, 24]);
    stream.columns = 132; // what node does on SIGWINCH
    expect(stream.columns).toBe(132);
  });

  it('lets `sync` with its spinner finish on a real 0×0 pty (script -qc … /dev/null)', async () => {
    const fake = await fakeZendesk({ model: new ZendeskModel().seed(30) });
    const home = tempDir();
    const env = cliEnv(home, { ISSUETRACK_DB: join(home, 'it.db'), ZENDESK_URL: fake.url, ZENDESK_EMAIL: TEST_CREDENTIALS.email, ZENDESK_API_TOKEN: TEST_CREDENTIALS.apiToken, TERM: 'xterm-256color' });
    delete env.CI; // a person at a terminal: the spinner runs
    delete env.NO_COLOR;
    const command = `stty size; ${process.execPath} ${CLI_PATH} sync; echo "exit=$?"`;
    const child = spawn('script', ['-qec', command, '/dev/null'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    child.stdin!.end();
    const result = await collect(child, 60_000);
    expect(result.stdout.startsWith('0 0')).toBe(true); // the pty really is 0×0
    expect(result.stdout).toMatch(/exit=0\s*$/);
    expect(result.stdout.length).toBeLessThan(100_000); // it once wrote 32 MB of cursor codes in 20 s
  });
});
