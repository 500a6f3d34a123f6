#!/usr/bin/env node
// Throughput and cost of `issuetrack analyze` against the fake Claude at a fixed latency.
// Live: 2000 tickets, --concurrency 16, 250 ms per call, so the ceiling is 16/0.25 s = 64
// tickets/s; we print the measured rate as a fraction of it (goal >= 0.8), once over the whole
// CLI run (startup, selection and writes included) and once between the first and last call.
// Batch: the same tickets through --batch and a collecting run. Tokens per ticket and USD per
// 1000 tickets for both modes (Haiku 5.5 prices; the fake counts ~4 chars per token).
// Usage: npm run build && node bench/analyze.mjs [tickets=2000] [concurrency=16] [latencyMs=250]
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { loadClaudeFake } from './claude-fake.mjs';

const tickets = Number(process.argv[2] ?? 2000);
const concurrency = Number(process.argv[3] ?? 16);
const latencyMs = Number(process.argv[4] ?? 250);
const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'issuetrack-bench-analyze-'));
const KEY = 'sk-ant-bench';

const { startClaudeFake } = await loadClaudeFake(dir);

const PROBLEMS = [
  'The CSV export crashes with an error when the report has more than 10k rows.',
  'The dashboard is really slow, it takes forever to load in the morning.',
  'I was charged twice on the last invoice and need a refund.',
  'I am locked out, the password reset link never arrives.',
  'It would be great if you could add a dark mode to the editor.',
  'Our Slack integration stopped posting notifications yesterday.',
  'All my saved reports disappeared after the update.',
  'Where is the setting to change the calendar week start? It is confusing.',
];

try {
  const live = await run('live');
  const batch = await run('batch');
  const ceiling = concurrency / (latencyMs / 1000);
  console.log(`${tickets} tickets, --concurrency ${concurrency}, fake latency ${latencyMs} ms, ceiling ${ceiling.toFixed(1)} tickets/s`);
  console.log(`live   wall ${(live.wallMs / 1000).toFixed(1)} s: ${live.rate.toFixed(1)} tickets/s = ${(live.rate / ceiling).toFixed(3)} of ceiling (whole CLI run)`);
  console.log(`       calls ${(live.callMs / 1000).toFixed(1)} s: ${live.callRate.toFixed(1)} tickets/s = ${(live.callRate / ceiling).toFixed(3)} of ceiling (first to last call); peak in flight ${live.peak}`);
  for (const [name, r] of [['live ', live], ['batch', batch]]) {
    console.log(
      `${name}  analysed ${r.result.tickets_analyzed}, failed ${r.result.tickets_failed}; per ticket: ${r.perTicket.input.toFixed(0)} input + ${r.perTicket.cacheWrite.toFixed(0)} cache write + ${r.perTicket.cacheRead.toFixed(0)} cache read + ${r.perTicket.output.toFixed(0)} output tokens; $${r.per1000.toFixed(4)} per 1000 tickets`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

async function run(mode) {
  const db = join(dir, `${mode}.db`);
  const fake = await startClaudeFake({ apiKey: KEY, latencyMs: mode === 'live' ? latencyMs : 0 });
  try {
    const env = { PATH: process.env.PATH, HOME: dir, CI: '1', NO_COLOR: '1', ISSUETRACK_DB: db, ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: fake.url };
    // A task creates and migrates the database (status only reads, and never creates a file).
    const init = spawnSync(process.execPath, [cli, 'trends', '--json'], { env, encoding: 'utf8' });
    if (init.status !== 0) throw new Error(`trends failed: ${init.stderr}`);
    populate(db);
    const args = ['analyze', '--json', '--concurrency', String(concurrency), '--batch-size', String(tickets)];
    const started = performance.now();
    let out = await cliRun(mode === 'batch' ? [...args, '--batch'] : args, env);
    if (mode === 'batch') out = await cliRun(args, env); // collects the ended batch
    const wallMs = performance.now() - started;
    const result = out.result;
    const n = result.tickets_analyzed || 1;
    const sqlite = new BetterSqlite3(db, { readonly: true });
    const u = sqlite.prepare('SELECT sum(input_tokens) AS input, sum(output_tokens) AS output, sum(cache_creation_input_tokens) AS cw, sum(cache_read_input_tokens) AS cr, sum(cost_usd) AS cost FROM api_usage').get();
    sqlite.close();
    return {
      result,
      wallMs,
      rate: result.tickets_analyzed / (wallMs / 1000),
      callMs: fake.stats.lastAnswerAt - fake.stats.firstRequestAt,
      callRate: result.tickets_analyzed / ((fake.stats.lastAnswerAt - fake.stats.firstRequestAt) / 1000),
      peak: fake.stats.maxInFlight,
      perTicket: { input: u.input / n, output: u.output / n, cacheWrite: u.cw / n, cacheRead: u.cr / n },
      per1000: (u.cost / n) * 1000,
    };
  } finally {
    await fake.close();
  }
}

function populate(db) {
  const sqlite = new BetterSqlite3(db);
  const t = sqlite.prepare(
    `INSERT INTO tickets (id, subject, status, channel, tags, requester_id, created_at, updated_at, generated_timestamp, comment_count, comments_synced_gts, synced_at)
     VALUES (?, ?, 'open', 'email', '["support"]', ?, ?, ?, 1790000000, 3, 1790000000, ?)`,
  );
  const u = sqlite.prepare('INSERT INTO users (id, name, email, role) VALUES (?, ?, ?, ?)');
  const c = sqlite.prepare('INSERT INTO comments (id, ticket_id, author_id, author_role, public, body, created_at) VALUES (?, ?, ?, ?, 1, ?, ?)');
  sqlite.transaction(() => {
    for (let i = 1; i <= tickets; i++) {
      const at = new Date(Date.UTC(2026, 10, 1) + i * 60_000).toISOString();
      const problem = PROBLEMS[i % PROBLEMS.length];
      u.run(i, `Customer Number${i}`, `customer${i}@example.com`, 'end-user');
      t.run(i, problem.split(' ').slice(0, 6).join(' '), i, at, at, at);
      c.run(i * 3, i, i, 'end-user', `Hello,\n\n${problem} We have tried again on two browsers and cleared the cache, without any change. This blocks our month-end work, so please have a look soon.\n\nThanks, Customer Number${i}, +1 415 555 ${String(1000 + (i % 9000))}`, at);
      c.run(i * 3 + 1, i, null, 'agent', 'Thanks for reaching out. Could you tell us which browser and version you are using, and send a screenshot of what you see?', at);
      c.run(i * 3 + 2, i, i, 'end-user', `Chrome 131 on macOS. It happens every time. Reach me at customer${i}@example.com if you need more.`, at);
    }
  })();
  sqlite.close();
}

function cliRun(args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(stdout)) : reject(new Error(`analyze exited ${code}: ${stderr}`))));
  });
}
