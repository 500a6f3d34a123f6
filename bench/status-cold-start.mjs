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
import BetterSqlite3 from 'better-sqlite3';

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

// Writes tickets from+1..n (and their rows) through the columns every schema version has had;
// extra columns take defaults. The 2000 runs are written with the first size only.
function populate(path, from, n) {
  const sqlite = new BetterSqlite3(path);
  const now = Date.now();
  sqlite.transaction(() => {
    const t = sqlite.prepare(
      `INSERT INTO tickets (id, subject, status, tags, created_at, updated_at, generated_timestamp, synced_at)
       VALUES (?, ?, 'open', '[]', ?, ?, ?, ?)`,
    );
    const a = sqlite.prepare(
      `INSERT INTO ticket_analyses (ticket_id, status, input_hash, prompt_version, model, attempts, analyzed_at)
       VALUES (?, 'analyzed', 'h', 'v1', 'm', 1, ?)`,
    );
    const is = sqlite.prepare(
      `INSERT INTO issues (ticket_id, position, title, category, severity, created_at) VALUES (?, ?, ?, 'bug', 'low', ?)`,
    );
    for (let i = from + 1; i <= n; i++) {
      const iso = new Date(now - i * 60_000).toISOString();
      t.run(i, `Ticket ${i}`, iso, iso, Math.floor(now / 1000) - i, iso);
      a.run(i, iso);
      is.run(i, 0, `Issue ${i % 97}`, iso);
      if (i % 2 === 0) is.run(i, 1, `Issue ${i % 89}`, iso);
    }
    // One Claude call per ticket, as analyze records them.
    const u = sqlite.prepare(
      `INSERT INTO api_usage (at, model, mode, input_tokens, output_tokens, cache_read_input_tokens, cost_usd)
       VALUES (?, 'claude-haiku-5-5', 'live', 150, 90, 1300, 0.00007)`,
    );
    for (let i = from + 1; i <= n; i++) u.run(new Date(now - i * 60_000).toISOString());
    const c = sqlite.prepare(`INSERT INTO clusters (category, title, created_at, updated_at) VALUES ('bug', ?, ?, ?)`);
    for (let i = from / 50; i < n / 50; i++) c.run(`Theme ${i}`, new Date(now).toISOString(), new Date(now).toISOString());
    const r = sqlite.prepare(
      `INSERT INTO runs (id, task, status, params, pid, host, started_at, finished_at, duration_ms)
       VALUES (?, ?, ?, '{}', 1, 'bench', ?, ?, ?)`,
    );
    for (let i = 0; i < (from === 0 ? 2000 : 0); i++) {
      const start = new Date(now - i * 3_600_000).toISOString();
      r.run(`r_${i}`, i % 24 === 0 ? 'pipeline' : 'trends', i % 10 === 0 ? 'failed' : 'completed', start, start, 1000 + i);
    }
  })();
  sqlite.close();
}
