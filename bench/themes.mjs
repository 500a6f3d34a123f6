#!/usr/bin/env node
// Clustering benchmark: 10k and 100k synthetic issues through the pure core (tokenise, IDF,
// group, place, merge), then the whole `trends` task over SQLite at 100k. Prints wall and CPU
// times and the 10k→100k ratio measured in this run (the targets: ≤ 12×, and the whole task
// ≤ 5 s at 100k), then the core over copies of a few texts (40k copies of 30, 20k of one: a
// flood of tickets titled alike), per issue against the 10k corpus. Run by hand:
// `node bench/themes.mjs` (it bundles its own entry with esbuild).
//
// `--reference DIR` also bundles the checkout in DIR (e.g. /work/main) and runs both
// alternately on the same corpus, `--reps N` times each, so that a before/after comparison sees
// the same machine load; it then checks that both produced the same themes: the same core
// partition, and after the task the same database (every issue's theme, every theme row with its
// ids, labels and numbers, the merges, the daily and hourly counts). A speed change must print
// "identical". Exit code 1 when they differ.
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { databaseFingerprint } from './themes-fingerprint.mjs';

const arg = (name) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const referenceDir = arg('--reference');
const reps = Number(arg('--reps') ?? 1);
const here = new URL('..', import.meta.url).pathname;

const dir = mkdtempSync(join(tmpdir(), 'issuetrack-bench-'));
// Inside this repo, so each bundle resolves better-sqlite3 from node_modules.
async function bundle(checkout, name) {
  const outfile = join(here, `node_modules/.cache/issuetrack-bench/${name}.mjs`);
  await build({
    entryPoints: [join(checkout, 'bench/themes-entry.ts')],
    // The store reads the newest schema version from the build, as build.mjs defines it.
    define: { __ISSUETRACK_SCHEMA_VERSION__: String(await newestMigration(checkout)) },
    outfile, bundle: true, format: 'esm', platform: 'node', target: 'node20',
    external: ['better-sqlite3', '@anthropic-ai/sdk', 'ora'], logLevel: 'warning',
  });
  return import(pathToFileURL(outfile).href);
}
async function newestMigration(checkout) {
  const out = await build({ entryPoints: [join(checkout, 'src/store/migrations.ts')], bundle: true, format: 'esm', platform: 'node', write: false, logLevel: 'warning' });
  const { migrations } = await import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`);
  return migrations.at(-1).version;
}
const sides = [{ name: 'this checkout', core: await bundle(here, 'themes-bench') }];
if (referenceDir) sides.push({ name: `reference ${referenceDir}`, core: await bundle(referenceDir, 'themes-bench-reference') });

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

/** CPU time of this process in ms (user + system): less at the mercy of other processes than wall time. */
function cpuMs() {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function clusterCore(core, items) {
  const started = performance.now();
  const cpu = cpuMs();
  const docs = items.map((it) => core.issueTerms(it.title, it.component));
  const clustering = new core.Clustering(core.buildIdf(docs), []);
  const placed = clustering.place(items.map((it, i) => ({ id: it.id, category: it.category, terms: docs[i] })));
  const merges = clustering.mergePass();
  const partition = items.map((it) => core.resolveKey(placed.get(it.id), merges));
  return { ms: performance.now() - started, cpu: cpuMs() - cpu, themes: new Set(partition).size, partition };
}

async function trendsTask(core, items, name) {
  const path = join(dir, `${name}-${items.length}.db`);
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
  const cpu = cpuMs();
  const outcome = await core.runTask(deps, 'trends', {}, (ctx) => core.trends(ctx));
  const ms = performance.now() - started;
  const cpuUsed = cpuMs() - cpu;
  await store.close();
  if (outcome.error) throw outcome.error;
  const fingerprint = databaseFingerprint(path);
  rmSync(path, { force: true });
  return { ms, cpu: cpuUsed, clusters: outcome.record.result.clusters, fingerprint };
}

const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');
let differ = false;
try {
  const small = corpus(10_000);
  const large = corpus(100_000);
  // Copies of a few texts (a flood of tickets about one outage, titled alike): before copies were
  // one row of the neighbour index, each copy's query walked a posting of every copy (quadratic).
  const few = corpus(750).slice(0, 30);
  const copies = Array.from({ length: 40_000 }, (_, i) => ({ ...few[i % few.length], id: i + 1 }));
  const oneText = Array.from({ length: 20_000 }, (_, i) => ({ ...few[0], id: i + 1 }));
  for (const side of sides) clusterCore(side.core, corpus(2_000)); // warm the JIT
  const results = sides.map(() => []);
  for (let rep = 0; rep < reps; rep++) {
    for (const [i, side] of sides.entries()) {
      const loadBefore = load();
      const a = clusterCore(side.core, small);
      const b = clusterCore(side.core, large);
      const t = await trendsTask(side.core, large, i === 0 ? 'mine' : 'reference');
      const c = clusterCore(side.core, copies);
      const o = clusterCore(side.core, oneText);
      results[i].push({ a, b, t, c, o });
      console.log(`${side.name}, run ${rep + 1} (load average ${loadBefore} → ${load()}):`);
      console.log(`  core  10k issues: ${s(a.ms)} wall, ${s(a.cpu)} CPU, ${a.themes} themes`);
      console.log(`  core 100k issues: ${s(b.ms)} wall, ${s(b.cpu)} CPU, ${b.themes} themes`);
      console.log(`  core 10k→100k: ${(b.ms / a.ms).toFixed(1)}× wall, ${(b.cpu / a.cpu).toFixed(1)}× CPU (target ≤ 12×)`);
      console.log(`  trends task over SQLite, 100k issues (load, place, merge, labels, counts, rising, writes): ${s(t.ms)} wall, ${s(t.cpu)} CPU, ${t.clusters} themes (target ≤ 5 s)`);
      const perIssue = (r) => r.ms / r.partition.length;
      console.log(`  core 40k copies of 30 texts: ${s(c.ms)} wall, ${c.themes} themes; per issue ${(perIssue(c) / perIssue(a)).toFixed(1)}× the 10k distinct corpus's`);
      console.log(`  core 20k copies of one text: ${s(o.ms)} wall, ${o.themes} themes; per issue ${(perIssue(o) / perIssue(a)).toFixed(1)}× the 10k distinct corpus's`);
    }
  }
  if (referenceDir) {
    const [mine, ref] = results;
    const min = (list, f) => Math.min(...list.map(f));
    for (const [label, f] of [['core 10k', (r) => r.a.ms], ['core 100k', (r) => r.b.ms], ['trends 100k', (r) => r.t.ms], ['trends 100k CPU', (r) => r.t.cpu], ['core 40k copies of 30 texts', (r) => r.c.ms], ['core 20k copies of one text', (r) => r.o.ms]]) {
      console.log(`${label}: best of ${reps}, this ${s(min(mine, f))} vs reference ${s(min(ref, f))} (${(min(mine, f) / min(ref, f)).toFixed(2)}×)`);
    }
    const samePartition = (x, y) => x.length === y.length && x.every((k, i) => k === y[i]);
    const checks = {
      'core 10k partition': samePartition(mine[0].a.partition, ref[0].a.partition),
      'core 100k partition': samePartition(mine[0].b.partition, ref[0].b.partition),
      'core copies partitions': samePartition(mine[0].c.partition, ref[0].c.partition) && samePartition(mine[0].o.partition, ref[0].o.partition),
      'trends database': mine[0].t.fingerprint === ref[0].t.fingerprint,
    };
    for (const [what, same] of Object.entries(checks)) {
      console.log(`${what}: ${same ? 'identical' : 'DIFFERENT'}`);
      if (!same) differ = true;
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
if (differ) process.exitCode = 1;
