#!/usr/bin/env node
// Cold start of `issuetrack status --json` on a populated database, against bare `node -e 0`
// measured in the same run, interleaved so machine noise hits both alike. Besides the wall-clock
// medians it prints the mean CPU time (user + system) of each command where the kernel says
// (Linux: the waited-for children's times in /proc/self/stat), from a second pass that runs the
// commands in turn, 10 runs in a row each: steadier than the wall clock on a loaded machine,
// where a start waits for a core as long as it runs.
// The database grows through each size in turn (default 100k then 1M tickets), written after the
// schema exists so the status counters' triggers (migration 0011) pay their share of the writes.
// Usage: npm run build && node bench/status-cold-start.mjs [runs=30] [sizes=100000,1000000]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { populate } from './populate-store.mjs';

const runs = Number(process.argv[2] ?? 30);
const sizes = (process.argv[3] ?? '100000,1000000').split(',').map(Number);
const cli = fileURLToPath(new URL('../bin/issuetrack', import.meta.url)); // what users run
const dir = mkdtempSync(join(tmpdir(), 'issuetrack-bench-'));
const db = join(dir, 'bench.db');
const emptyDb = join(dir, 'empty.db'); // the same command on no data: what the data itself costs
const env = { PATH: process.env.PATH, HOME: dir, CI: '1', NO_COLOR: '1' };

try {
  for (const path of [db, emptyDb]) {
    // A task creates the database: status only reads, and never creates a file.
    const init = spawnSync(process.execPath, [cli, 'trends', '--json', '--db', path], { env, encoding: 'utf8' });
    if (init.status !== 0) throw new Error(`trends failed: ${init.stderr}`);
  }
  let have = 0;
  for (const tickets of sizes) {
    populate(db, have, tickets);
    have = tickets;
    const node = [];
    const status = [];
    const empty = [];
    const commands = {
      node: [process.execPath, '-e', '0'],
      status: [process.execPath, cli, 'status', '--json', '--db', db],
      empty: [process.execPath, cli, 'status', '--json', '--db', emptyDb],
    };
    for (let i = 0; i < runs; i++) {
      node.push(time(commands.node));
      status.push(time(commands.status));
      empty.push(time(commands.empty));
    }
    const cpu = cpuMeans(commands, runs);
    const mNode = median(node);
    const mStatus = median(status);
    const mEmpty = median(empty);
    console.log(`database: ${tickets} tickets, ${tickets} analyses and Claude calls, ${tickets * 1.5} issues, ${Math.round(tickets / 50)} themes, 2000 runs`);
    console.log(`  node -e 0            median ${mNode.toFixed(1)} ms (min ${Math.min(...node).toFixed(1)})`);
    console.log(`  issuetrack status    median ${mStatus.toFixed(1)} ms (min ${Math.min(...status).toFixed(1)})`);
    console.log(`  status, empty db     median ${mEmpty.toFixed(1)} ms (min ${Math.min(...empty).toFixed(1)})`);
    console.log(`  ratio                ${(mStatus / mNode).toFixed(2)}x  (goal: within 1.3x); against an empty database ${(mStatus / mEmpty).toFixed(2)}x`);
    if (cpu.node !== undefined) {
      console.log(`  CPU time, mean       node -e 0 ${cpu.node.toFixed(1)} ms, status ${cpu.status.toFixed(1)} ms, empty db ${cpu.empty.toFixed(1)} ms: ratio ${(cpu.status / cpu.node).toFixed(2)}x`);
    }
  }
  console.log(`load average: ${readLoad()}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

function time(argv) {
  const start = process.hrtime.bigint();
  run(argv);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function run(argv) {
  const r = spawnSync(argv[0], argv.slice(1), { env, stdio: ['ignore', 'ignore', 'pipe'] });
  if (r.status !== 0) throw new Error(`${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
}

/**
 * Mean CPU ms of each command over `runs` runs, in rounds of up to 10 runs in a row per command
 * (the kernel counts in 10 ms ticks: a block of runs has one rounding; rounds spread a change of
 * load over every command alike). Undefined values where the kernel does not say.
 */
function cpuMeans(commands, runs) {
  const total = Object.fromEntries(Object.keys(commands).map((name) => [name, 0]));
  for (let done = 0; done < runs; done += 10) {
    const block = Math.min(10, runs - done);
    for (const [name, argv] of Object.entries(commands)) {
      const before = childrenCpuMs();
      for (let i = 0; i < block; i++) run(argv);
      const after = childrenCpuMs();
      if (before === undefined || after === undefined) return {};
      total[name] += after - before;
    }
  }
  return Object.fromEntries(Object.entries(total).map(([name, ms]) => [name, ms / runs]));
}

/**
 * User + system CPU ms of this process's waited-for children (cutime + cstime, fields 16 and 17
 * of /proc/self/stat), or undefined where there is no /proc. Clock ticks (USER_HZ: 100 a second
 * on Linux): read around a block of runs, the rounding is at most one tick for the whole block.
 */
function childrenCpuMs() {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // field 3 onwards: the name may hold spaces
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return undefined;
  }
}

function readLoad() {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return 'unknown';
  }
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
