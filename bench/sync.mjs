// Benchmark of `issuetrack sync` (run by hand after `npm run build`; figures go to README "Sync").
//   node bench/sync.mjs [20000] [100000]
// For each size: a fake Zendesk in its own process serves N tickets (0..4 comments each, no
// latency); `node dist/cli.js sync` runs against it into a fresh database; then a reference in
// this same script (re-run as a child with --reference) fetches the same export pages and
// conversations with the same concurrency and inserts raw rows with better-sqlite3. Both run as
// separate processes, so peak RSS is theirs alone (process.resourceUsage().maxRSS at exit).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildFakeZendesk, CONCURRENCY, measure, root, startFake } from './sync-setup.mjs';

if (process.argv[2] === '--reference') {
  await reference(process.argv[3], process.argv[4]);
  process.exit(0);
}

const sizes = process.argv.slice(2).map(Number).filter(Boolean);
if (sizes.length === 0) sizes.push(20_000, 100_000);
const work = mkdtempSync(join(tmpdir(), 'issuetrack-bench-'));
const fakeEntry = await buildFakeZendesk(work);

const rows = [];
try {
  for (const n of sizes) {
    const { url, stop } = await startFake(fakeEntry, n);
    let ours, ref;
    try {
      ours = await measure({ work, label: `ours-${n}`, url, database: join(work, `ours-${n}.db`), args: [join(root, 'dist/cli.js'), 'sync', '--json'], expectTickets: n });
      ref = await measure({ work, label: `reference-${n}`, url, database: join(work, `reference-${n}.db`), args: [fileURLToPath(import.meta.url), '--reference', url] });
    } finally {
      stop();
    }
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
