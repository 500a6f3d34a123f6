#!/usr/bin/env node
// Cold start of `issuetrack status --json` on a populated database, against bare `node -e 0`
// measured in the same run, interleaved so machine noise hits both alike.
// The database grows through each size in turn (default 100k then 1M tickets), written after the
// schema exists so the status counters' triggers (migration 0011) pay their share of the writes.
// Usage: npm run build && node bench/status-cold-start.mjs [runs=30] [sizes=100000,1000000]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
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
    for (let i = 0; i < runs; i++) {
      node.push(time([process.execPath, '-e', '0']));
      status.push(time([process.execPath, cli, 'status', '--json', '--db', db]));
      empty.push(time([process.execPath, cli, 'status', '--json', '--db', emptyDb]));
    }
    const mNode = median(node);
    const mStatus = median(status);
    const mEmpty = median(empty);
    console.log(`database: ${tickets} tickets, ${tickets} analyses and Claude calls, ${tickets * 1.5} issues, ${Math.round(tickets / 50)} themes, 2000 runs`);
    console.log(`  node -e 0            median ${mNode.toFixed(1)} ms (min ${Math.min(...node).toFixed(1)})`);
    console.log(`  issuetrack status    median ${mStatus.toFixed(1)} ms (min ${Math.min(...status).toFixed(1)})`);
    console.log(`  status, empty db     median ${mEmpty.toFixed(1)} ms (min ${Math.min(...empty).toFixed(1)})`);
    console.log(`  ratio                ${(mStatus / mNode).toFixed(2)}x  (goal: within 1.3x); against an empty database ${(mStatus / mEmpty).toFixed(2)}x`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

function time(argv) {
  const start = process.hrtime.bigint();
  const r = spawnSync(argv[0], argv.slice(1), { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
