#!/usr/bin/env node
// Clustering benchmark: 10k and 100k synthetic issues through the pure core (tokenise, IDF,
// indexed leader placement, merge pass), then the whole `trends` task over SQLite at 100k.
// Prints wall times and the 10k→100k ratio measured in this run (the target is ≤ 12×, and
// ≤ 10 s at 100k). Run by hand: `node bench/themes.mjs` (it bundles its own entry with esbuild).
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = mkdtempSync(join(tmpdir(), 'issuetrack-bench-'));
// Inside the repo, so the bundle resolves better-sqlite3 from node_modules.
const entry = new URL('../node_modules/.cache/issuetrack-bench/themes-bench.mjs', import.meta.url).pathname;
await build({
  entryPoints: [new URL('./themes-entry.ts', import.meta.url).pathname],
  outfile: entry, bundle: true, format: 'esm', platform: 'node', target: 'node20',
  external: ['better-sqlite3', '@anthropic-ai/sdk', 'ora'], logLevel: 'warning',
});
const core = await import(pathToFileURL(entry).href);

/** Deterministic synthetic corpus: ~N/25 themes of 3–4 signature words over 10 categories. */
function corpus(n, seed = 7) {
  let s = seed >>> 0;
  const rand = () => {
    // mulberry32: a small PRNG whose low bits are usable (an LCG's are not).
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const syllables = ['ka', 'lo', 'mi', 're', 'tu', 'sa', 'ne', 'po', 'vi', 'da', 'ge', 'fu', 'zo', 'ri', 'ba', 'he', 'jo', 'wu', 'xi', 'yo'];
  const word = () => Array.from({ length: 3 }, () => syllables[Math.floor(rand() * syllables.length)]).join('');
  const vocab = [...new Set(Array.from({ length: 6000 }, word))];
  const common = ['app', 'page', 'sync', 'export', 'login', 'invoice', 'slow', 'crash', 'report', 'email', 'mobile', 'dashboard'];
  const themes = Array.from({ length: Math.max(1, Math.round(n / 25)) }, (_, i) => ({
    category: `cat${i % 10}`,
    words: Array.from({ length: 3 + Math.floor(rand() * 2) }, () => vocab[Math.floor(rand() * vocab.length)]),
    generic: common[Math.floor(rand() * common.length)],
  }));
  return Array.from({ length: n }, (_, i) => {
    const t = themes[Math.floor(rand() * themes.length)];
    const words = t.words.filter(() => rand() > 0.2);
    if (words.length === 0) words.push(t.words[0]);
    words.push(t.generic);
    if (rand() < 0.5) words.push(common[Math.floor(rand() * common.length)]);
    return { id: i + 1, title: words.sort(() => rand() - 0.5).join(' '), category: t.category, component: rand() < 0.5 ? t.generic : null };
  });
}

function clusterCore(items) {
  const started = performance.now();
  const docs = items.map((it) => core.issueTerms(it.title, it.component));
  const clustering = new core.Clustering(core.buildIdf(docs), []);
  const placed = clustering.place(items.map((it, i) => ({ id: it.id, category: it.category, terms: docs[i] })));
  const merges = clustering.mergePass();
  const themes = new Set([...placed.values()].map((k) => core.resolveKey(k, merges)));
  return { ms: performance.now() - started, themes: themes.size };
}

async function trendsTask(items) {
  const Database = (await import('better-sqlite3')).default;
  const path = join(dir, `bench-${items.length}.db`);
  const store = core.openStore(path);
  const now = Date.parse('2026-11-28T12:00:00Z');
  const raw = new Database(path);
  const ticket = raw.prepare(`INSERT INTO tickets (id, status, tags, requester_id, created_at, updated_at, generated_timestamp, synced_at) VALUES (?, 'open', '[]', ?, ?, ?, 0, ?)`);
  const issue = raw.prepare(`INSERT INTO issues (ticket_id, position, title, category, component, severity, created_at) VALUES (?, 0, ?, ?, ?, 'medium', ?)`);
  raw.transaction(() => {
    for (const it of items) {
      const at = new Date(now - (it.id % 60) * 86_400_000 - (it.id % 86_400) * 1000).toISOString();
      ticket.run(it.id, it.id % 5000, at, at, at);
      issue.run(it.id, it.title, it.category, it.component, at);
    }
  })();
  raw.close();
  const deps = {
    store, db: store.db, reporter: core.silentReporter, signal: new AbortController().signal, clock: { now: () => now },
    config: core.resolveConfig({ flags: { db: path }, env: { HOME: dir }, cwd: dir }), pid: process.pid, host: 'bench', leaseMs: 600_000,
  };
  const started = performance.now();
  const outcome = await core.runTask(deps, 'trends', {}, (ctx) => core.trends(ctx));
  const ms = performance.now() - started;
  await store.close();
  if (outcome.error) throw outcome.error;
  return { ms, clusters: outcome.record.result.clusters };
}

try {
  const small = corpus(10_000);
  const large = corpus(100_000);
  clusterCore(corpus(2_000)); // warm the JIT
  const a = clusterCore(small);
  const b = clusterCore(large);
  console.log(`core  10k issues: ${a.ms.toFixed(0)} ms, ${a.themes} themes`);
  console.log(`core 100k issues: ${b.ms.toFixed(0)} ms, ${b.themes} themes`);
  console.log(`core 10k→100k: ${(b.ms / a.ms).toFixed(1)}× (target ≤ 12×, ≤ 10 000 ms at 100k)`);
  const t = await trendsTask(large);
  console.log(`trends task over SQLite, 100k issues (load, place, merge, counts, rising, writes): ${t.ms.toFixed(0)} ms, ${t.clusters} themes`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
