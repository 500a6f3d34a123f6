#!/usr/bin/env node
// Tokens per ticket with and without the theme shortlist (issue 8): `demo` builds the sample
// inbox (~400 tickets with conversations) into themes; then every ticket is analysed again
// against the Claude stand-in, now with ~20 existing themes offered per ticket. Prints tokens
// per ticket (input + cache write + cache read + output, the stand-in counting ~4 chars a token)
// and cost per 1000 tickets, for this build and, with --base, for another build's dist/cli.js
// (e.g. main before the change: `git archive <ref> | tar -x -C /tmp/base && cd /tmp/base &&
// ln -s <repo>/node_modules && node build.mjs`). Same tickets, same stand-in, same run.
// --extra-themes N adds N made-up themes (product area x symptom titles) beside the demo's, so
// that most tickets are offered the full twenty.
// Usage: npm run build && node bench/analyze-shortlist.mjs [--base /tmp/base/dist/cli.js] [--extra-themes 200]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { loadClaudeFake } from './claude-fake.mjs';

const baseAt = process.argv.indexOf('--base');
const clis = [['this build', fileURLToPath(new URL('../dist/cli.js', import.meta.url))]];
if (baseAt > 0) clis.unshift(['base', process.argv[baseAt + 1]]);
const extraAt = process.argv.indexOf('--extra-themes');
const extraThemes = extraAt > 0 ? Number(process.argv[extraAt + 1]) : 0;
const AREAS = ['CSV export', 'login page', 'password reset', 'dashboard', 'invoice', 'mobile app', 'Slack integration', 'public API', 'receipts', 'payments', 'settings', 'notifications', 'reports', 'search', 'calendar', 'import', 'timezone', 'currency', 'two-factor login', 'subscription'];
const SYMPTOMS = ['is slow to load', 'fails with an error', 'shows the wrong data', 'is hard to find', 'times out', 'crashes on upload', 'sends duplicate emails', 'loses saved changes', 'ignores the language setting', 'cannot be exported'];
const dir = mkdtempSync(join(tmpdir(), 'issuetrack-bench-shortlist-'));
const KEY = 'sk-ant-bench';

const { startClaudeFake } = await loadClaudeFake(dir);

try {
  const rows = [];
  for (const [name, cli] of clis) rows.push({ name, ...(await measure(name, cli)) });
  for (const r of rows) {
    console.log(`${r.name.padEnd(10)} ${r.tickets} tickets, ${r.themes} themes, shortlist sent for ${r.offered}/${r.tickets} (mean ${r.meanListed.toFixed(1)} themes): ` +
      `${r.perTicket.toFixed(0)} tokens per ticket (${r.input.toFixed(0)} input + ${r.cw.toFixed(0)} cache write + ${r.cr.toFixed(0)} cache read + ${r.output.toFixed(0)} output), $${r.per1000.toFixed(4)} per 1000 tickets`);
  }
  if (rows.length === 2) {
    console.log(`tokens per ticket: ${(rows[1].perTicket / rows[0].perTicket).toFixed(3)}x base; cost: ${(rows[1].per1000 / rows[0].per1000).toFixed(3)}x base`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

async function measure(name, cli) {
  const db = join(dir, `${name.replace(/\W/g, '')}.db`);
  await cliRun(cli, ['demo', '--db', db, '--json'], { PATH: process.env.PATH, HOME: dir, CI: '1', NO_COLOR: '1' });
  const sqlite = new BetterSqlite3(db);
  const add = sqlite.prepare("INSERT INTO clusters (category, title, component, created_at, updated_at) VALUES ('bug', ?, ?, '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z')");
  for (let i = 0; i < extraThemes; i++) add.run(`${AREAS[i % AREAS.length]} ${SYMPTOMS[Math.floor(i / AREAS.length) % SYMPTOMS.length]}`, AREAS[i % AREAS.length].toLowerCase());
  const themes = sqlite.prepare('SELECT count(*) AS n FROM clusters WHERE merged_into IS NULL').get().n;
  sqlite.prepare("UPDATE ticket_analyses SET prompt_version = 'bench-again'").run(); // every ticket is analysed again
  const before = sqlite.prepare('SELECT coalesce(max(id), 0) AS id FROM api_usage').get().id;
  sqlite.close();
  const fake = await startClaudeFake({ apiKey: KEY });
  try {
    const env = { PATH: process.env.PATH, HOME: dir, CI: '1', NO_COLOR: '1', ISSUETRACK_DB: db, ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: fake.url, ISSUETRACK_MODEL: 'claude-haiku-5-5' };
    const out = await cliRun(cli, ['analyze', '--json', '--batch-size', '100000', '--concurrency', '8'], env);
    const lists = fake.requests
      .filter((r) => r.path === '/v1/messages')
      .map((r) => /<themes>\n([\s\S]*?)\n<\/themes>/.exec(JSON.parse(r.body).messages[0].content)?.[1]?.split('\n').length ?? 0);
    const read = new BetterSqlite3(db, { readonly: true });
    const u = read.prepare('SELECT count(*) AS calls, sum(input_tokens) AS input, sum(output_tokens) AS output, sum(cache_creation_input_tokens) AS cw, sum(cache_read_input_tokens) AS cr, sum(cost_usd) AS cost FROM api_usage WHERE id > ?').get(before);
    read.close();
    const n = out.result.tickets_analyzed || 1;
    return {
      tickets: n,
      themes,
      offered: lists.filter((l) => l > 0).length,
      meanListed: lists.reduce((s, l) => s + l, 0) / Math.max(1, lists.length),
      perTicket: (u.input + u.output + u.cw + u.cr) / n,
      input: u.input / n,
      output: u.output / n,
      cw: u.cw / n,
      cr: u.cr / n,
      per1000: (u.cost / n) * 1000,
    };
  } finally {
    await fake.close();
  }
}

function cliRun(cli, args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(stdout)) : reject(new Error(`${args[0]} exited ${code}: ${stderr}`))));
  });
}
