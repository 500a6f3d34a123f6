#!/usr/bin/env node
// What `issuetrack status --json` costs beyond `node -e 0`, counted in instructions of the main
// thread under valgrind's callgrind: unlike the wall clock of bench/status-cold-start.mjs, the
// count does not move with the load other processes put on the machine (the same build gives the
// same count to within a few thousand instructions, run after run), so a change of ~1% shows.
// --random-seed=1 fixes V8's hash seed, without which counts vary by ~2% between runs; V8 leaves
// that flag out of the flag hash a code cache is checked against, so status.cjs's cache is still
// taken. It does not count what the kernel does (page faults, file system), which the wall clock
// does. Needs valgrind (Debian: apt-get install valgrind); each run takes 10-60 s.
// Usage: npm run build && node bench/status-instructions.mjs [tickets=100000]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { populate } from './populate-store.mjs';

const tickets = Number(process.argv[2] ?? 100_000);
const cli = fileURLToPath(new URL('../bin/issuetrack', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'issuetrack-bench-'));
const env = { PATH: process.env.PATH, HOME: dir, CI: '1', NO_COLOR: '1' };

try {
  const db = join(dir, 'bench.db');
  const emptyDb = join(dir, 'empty.db');
  for (const path of [db, emptyDb]) {
    const init = spawnSync(process.execPath, [cli, 'trends', '--json', '--db', path], { env, encoding: 'utf8' });
    if (init.status !== 0) throw new Error(`trends failed: ${init.stderr}`);
  }
  populate(db, 0, tickets);
  const node = mainThreadInstructions(['-e', '0']);
  const status = mainThreadInstructions([cli, 'status', '--json', '--db', db]);
  const empty = mainThreadInstructions([cli, 'status', '--json', '--db', emptyDb]);
  const m = (n) => `${(n / 1e6).toFixed(2)}M`;
  console.log(`instructions (main thread, callgrind): node -e 0 ${m(node)}; status --json on ${tickets} tickets ${m(status)}, on an empty database ${m(empty)}`);
  console.log(`ratio against node -e 0: ${(status / node).toFixed(3)}x (empty database ${(empty / node).toFixed(3)}x); status's own: ${m(status - node)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/** Instructions the main thread of `node --random-seed=1 ...args` executed, by callgrind. */
function mainThreadInstructions(args) {
  const out = join(dir, `callgrind-${Date.now()}.out`);
  const run = spawnSync('valgrind', ['--tool=callgrind', '--separate-threads=yes', `--callgrind-out-file=${out}`, process.execPath, '--random-seed=1', ...args], {
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  if (run.error) throw new Error(`valgrind: ${run.error.message} (Debian: apt-get install valgrind)`);
  if (run.status !== 0) throw new Error(`${args.join(' ')} exited ${run.status}: ${run.stderr.slice(-500)}`);
  // With --separate-threads, thread 1 (the main thread) is written to <out>-01.
  const summary = readFileSync(`${out}-01`, 'utf8').match(/^summary: (\d+)/m);
  if (!summary) throw new Error(`no summary in ${out}-01`);
  return Number(summary[1]);
}
