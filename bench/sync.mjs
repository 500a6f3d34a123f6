// Benchmark of `issuetrack sync` (run by hand after `npm run build`; figures go to README "Sync").
//   node bench/sync.mjs [20000] [100000]
// For each size: a fake Zendesk in its own process serves N tickets (0..4 comments each, no
// latency); `node dist/cli.js sync` runs against it into a fresh database; then a reference in
// this same script (re-run as a child with --reference) fetches the same export pages and
// conversations with the same concurrency and inserts raw rows with better-sqlite3. Both run as
// separate processes, so peak RSS is theirs alone (process.resourceUsage().maxRSS at exit).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const CONCURRENCY = 8;

if (process.argv[2] === '--reference') {
  await reference(process.argv[3], process.argv[4]);
  process.exit(0);
}

const sizes = process.argv.slice(2).map(Number).filter(Boolean);
if (sizes.length === 0) sizes.push(20_000, 100_000);
const work = mkdtempSync(join(tmpdir(), 'issuetrack-bench-'));
const fakeEntry = join(work, 'fake.mjs');
const { build } = await import('esbuild');
await build({
  stdin: {
    contents: `import { startFakeZendesk } from './src/sandbox/zendesk-server.ts';
      import { ZendeskModel } from './src/sandbox/zendesk-model.ts';
      const model = new ZendeskModel({ seed: 1 }).seed(Number(process.argv[2]), 4);
      const fake = await startFakeZendesk({ model });
      process.stdout.write(fake.url + '\\n');`,
    resolveDir: root,
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  format: 'esm',
  outfile: fakeEntry,
  logLevel: 'warning',
});
// Written at exit by every measured process: its own peak RSS in kB.
const rssHook = `data:text/javascript,import{writeFileSync}from"node:fs";process.on("exit",()=>{if(process.env.BENCH_RSS_FILE)writeFileSync(process.env.BENCH_RSS_FILE,String(process.resourceUsage().maxRSS))})`;

const rows = [];
try {
  for (const n of sizes) {
    const fake = spawn(process.execPath, [fakeEntry, String(n)], { stdio: ['ignore', 'pipe', 'inherit'] });
    const url = await new Promise((resolve) => fake.stdout.once('data', (d) => resolve(String(d).trim())));
    const ours = await measure(n, 'ours', url, [join(root, 'dist/cli.js'), 'sync', '--json']);
    const ref = await measure(n, 'reference', url, [fileURLToPath(import.meta.url), '--reference', url]);
    fake.kill();
    rows.push({ n, ours, ref });
    console.log(`${n} tickets: issuetrack ${ours.s.toFixed(2)} s, ${ours.rssMb} MB peak RSS | reference ${ref.s.toFixed(2)} s, ${ref.rssMb} MB | ratio ${(ours.s / ref.s).toFixed(2)}x`);
  }
  if (rows.length > 1) {
    const [a, b] = [rows[0], rows[rows.length - 1]];
    console.log(`peak RSS growth ${a.n} -> ${b.n} tickets: issuetrack ${(b.ours.rssMb / a.ours.rssMb).toFixed(2)}x, reference ${(b.ref.rssMb / a.ref.rssMb).toFixed(2)}x`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

async function measure(n, label, url, args) {
  const db = join(work, `${label}-${n}.db`);
  const rssFile = join(work, `${label}-${n}.rss`);
  const env = {
    PATH: process.env.PATH, HOME: work, CI: '1', NO_COLOR: '1', ISSUETRACK_DB: db, BENCH_DB: db, BENCH_RSS_FILE: rssFile,
    XDG_STATE_HOME: join(work, 'state'), ZENDESK_URL: url, ZENDESK_EMAIL: 'admin@example.test', ZENDESK_API_TOKEN: 'test-api-token',
    ISSUETRACK_ZENDESK_CONCURRENCY: String(CONCURRENCY),
  };
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, ['--import', rssHook, ...args], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  const code = await new Promise((resolve) => child.on('close', resolve));
  const s = Number(process.hrtime.bigint() - started) / 1e9;
  if (code !== 0) throw new Error(`${label} exited ${code}: ${out}`);
  if (label === 'ours') {
    const r = JSON.parse(out).result;
    if (r.tickets_upserted !== n) throw new Error(`sync stored ${r.tickets_upserted} of ${n} tickets`);
  }
  return { s, rssMb: Math.round(Number(readFileSync(rssFile, 'utf8')) / 1024) };
}

/** The reference: same requests, same concurrency, raw inserts, no retries or limiter. */
async function reference(url, dbPath) {
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(process.env.BENCH_DB ?? dbPath);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL, gts INTEGER);
    CREATE TABLE c (id INTEGER PRIMARY KEY, ticket_id INTEGER, author_id INTEGER, public INTEGER, body TEXT, created_at TEXT);
    CREATE TABLE u (id INTEGER PRIMARY KEY, role TEXT);
    CREATE TABLE s (k TEXT PRIMARY KEY, v TEXT)`);
  const auth = `Basic ${Buffer.from('admin@example.test/token:test-api-token').toString('base64')}`;
  const get = async (u) => (await fetch(u.startsWith('http') ? u : url + u, { headers: { authorization: auth, accept: 'application/json' } })).json();
  const insT = db.prepare('INSERT OR REPLACE INTO t (id, body, gts) VALUES (?, ?, ?)');
  const setS = db.prepare('INSERT OR REPLACE INTO s (k, v) VALUES (?, ?)');
  let page = await get(`/api/v2/incremental/tickets/cursor.json?start_time=${Math.floor(Date.now() / 1000) - 30 * 86400}&per_page=1000&support_type_scope=all`);
  for (;;) {
    db.transaction(() => {
      for (const t of page.tickets) insT.run(t.id, JSON.stringify(t), t.generated_timestamp);
      if (page.after_cursor) setS.run('cursor', page.after_cursor);
    })();
    if (page.end_of_stream) break;
    page = await get(page.after_url);
  }
  const ids = db.prepare('SELECT id FROM t ORDER BY id').pluck().all();
  const insC = db.prepare('INSERT OR REPLACE INTO c VALUES (?, ?, ?, ?, ?, ?)');
  const insU = db.prepare('INSERT OR REPLACE INTO u VALUES (?, ?)');
  let next = 0;
  let buffer = [];
  const flush = db.transaction((batch) => {
    for (const { id, comments, users } of batch) {
      for (const u of users) insU.run(u.id, u.role);
      for (const c of comments) insC.run(c.id, id, c.author_id, c.public ? 1 : 0, c.body, c.created_at);
    }
  });
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < ids.length) {
      const id = ids[next++];
      const comments = [];
      const users = [];
      let u = `/api/v2/tickets/${id}/comments.json?page[size]=100&include=users`;
      while (u) {
        const p = await get(u);
        if (!p.comments) break;
        comments.push(...p.comments);
        users.push(...(p.users ?? []));
        u = p.meta?.has_more ? p.links.next : null;
      }
      buffer.push({ id, comments, users });
      if (buffer.length >= 200) flush(buffer.splice(0));
    }
  }));
  flush(buffer);
  db.close();
}
