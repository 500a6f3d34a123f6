#!/usr/bin/env node
// PostgreSQL against SQLite in one run (issue 16): `sync` of N tickets from the fake Zendesk into
// each (goal: PostgreSQL within 1.5x of SQLite), then `status --json` on the same populated store
// in each (goal: within 2x), the PostgreSQL one filled by `db copy` from the SQLite one.
//   npm run build && node bench/postgres.mjs [tickets=20000] [status runs=15]
// PostgreSQL: BENCH_POSTGRES_URL (a role that may CREATE DATABASE), else a throwaway server from
// Debian's binaries, as the tests start one (test/helpers/postgres-server.ts). Sync runs twice per
// database, interleaved, and the faster run counts; status runs are interleaved, medians compared.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { populate } from './populate-store.mjs';
import { buildFakeZendesk, bundleScript, measure, root, startFake } from './sync-setup.mjs';

const tickets = Number(process.argv[2] ?? 20_000);
const runs = Number(process.argv[3] ?? 15);
const cli = join(root, 'bin/issuetrack'); // what users run
const work = mkdtempSync(join(tmpdir(), 'issuetrack-bench-'));
const env = { PATH: process.env.PATH, HOME: work, CI: '1', NO_COLOR: '1', XDG_STATE_HOME: join(work, 'state') };
const server = process.env.BENCH_POSTGRES_URL ? { url: process.env.BENCH_POSTGRES_URL, stop: async () => {} } : await throwawayServer();
let databases = 0;

try {
  console.log(`load average at start: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const fake = await startFake(await buildFakeZendesk(work), tickets);
  const sync = { sqlite: [], postgres: [] };
  try {
    for (let round = 0; round < 2; round++) {
      for (const dialect of ['sqlite', 'postgres']) {
        const database = dialect === 'sqlite' ? join(work, `sync-${round}.db`) : await createDatabase();
        const args = [join(root, 'dist/cli.js'), 'sync', '--json'];
        sync[dialect].push(await measure({ work, label: `sync-${dialect}-${round}`, url: fake.url, database, args, expectTickets: tickets }));
      }
    }
  } finally {
    fake.stop();
  }
  const [s, p] = ['sqlite', 'postgres'].map((d) => Math.min(...sync[d].map((m) => m.s)));
  console.log(`sync ${tickets} tickets: SQLite ${s.toFixed(2)} s, PostgreSQL ${p.toFixed(2)} s, ratio ${(p / s).toFixed(2)}x (goal: within 1.5x)`);

  const file = join(work, 'status.db');
  run([cli, 'trends', '--json', '--db', file]); // a task creates the schema; populate writes below it
  populate(file, 0, tickets);
  const url = await createDatabase();
  const copy = JSON.parse(run([cli, 'db', 'copy', '--from', file, '--to', url, '--json']).stdout);
  console.log(`db copy: ${copy.rows} rows in ${(copy.duration_ms / 1000).toFixed(2)} s`);
  const totals = (db) => JSON.stringify(JSON.parse(run([cli, 'status', '--json', '--db', db]).stdout).totals);
  if (totals(file) !== totals(url)) throw new Error(`status totals differ: ${totals(file)} vs ${totals(url)}`);
  // The server offers TLS (as managed services do), which the default sslmode=prefer takes: the
  // plain connection beside it shows what the handshake costs a command that connects once.
  const plain = `${url}?sslmode=disable`;
  const times = { sqlite: [], postgres: [], plain: [] };
  for (let i = 0; i < runs; i++) {
    times.sqlite.push(time([cli, 'status', '--json', '--db', file]));
    times.postgres.push(time([cli, 'status', '--json', '--db', url]));
    times.plain.push(time([cli, 'status', '--json', '--db', plain]));
  }
  const [ms, mp, mq] = [median(times.sqlite), median(times.postgres), median(times.plain)];
  console.log(`status --json on ${tickets} tickets (${totals(file)}): SQLite median ${ms.toFixed(0)} ms, PostgreSQL median ${mp.toFixed(0)} ms, ratio ${(mp / ms).toFixed(2)}x (goal: within 2x); without TLS ${mq.toFixed(0)} ms, ${(mq / ms).toFixed(2)}x`);
  console.log(`load average at end: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
} finally {
  await server.stop();
  rmSync(work, { recursive: true, force: true });
}

async function createDatabase() {
  const name = `bench_${process.pid}_${++databases}`;
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${name}`);
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(server.url);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The tests' throwaway server (TypeScript), bundled into the work folder and started here. */
async function throwawayServer() {
  const entry = await bundleScript(work, 'postgres-server.mjs', "export { startPostgresServer } from './test/helpers/postgres-server.ts';");
  const { startPostgresServer } = await import(entry);
  return startPostgresServer();
}

function run(argv) {
  const r = spawnSync(process.execPath, argv, { env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${argv.slice(1).join(' ')} exited ${r.status}: ${r.stderr}`);
  return r;
}

function time(argv) {
  const start = process.hrtime.bigint();
  run(argv);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function median(xs) {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
