// What the sync benchmarks share: a fake Zendesk in its own process, and one timed `sync` into a
// database of the caller's choice (an SQLite file or a postgresql:// URL). Used by bench/sync.mjs
// and bench/postgres.mjs.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));
export const CONCURRENCY = 8;

/**
 * Bundles `contents` (TypeScript, imports relative to the repository root) into `work/name` for
 * node to run. CommonJS dependencies (pg) get a `require` of their own.
 */
export async function bundleScript(work, name, contents) {
  const outfile = join(work, name);
  const { build } = await import('esbuild');
  await build({
    stdin: { contents, resolveDir: root, loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile,
    logLevel: 'warning',
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  });
  return outfile;
}

/** Bundles the fake Zendesk (src/sandbox) into `work`; returns the entry to start it with. */
export function buildFakeZendesk(work) {
  return bundleScript(
    work,
    'fake.mjs',
    `import { startFakeZendesk } from './src/sandbox/zendesk-server.ts';
    import { ZendeskModel } from './src/sandbox/zendesk-model.ts';
    const model = new ZendeskModel({ seed: 1 }).seed(Number(process.argv[2]), 4);
    const fake = await startFakeZendesk({ model });
    process.stdout.write(fake.url + '\\n');`,
  );
}

/** Starts the fake with `n` tickets (0..4 comments each, no latency) in its own process. */
export async function startFake(fakeEntry, n) {
  const fake = spawn(process.execPath, [fakeEntry, String(n)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve) => fake.stdout.once('data', (d) => resolve(String(d).trim())));
  return { url, stop: () => fake.kill() };
}

// Written at exit by every measured process: its own peak RSS in kB.
const rssHook = `data:text/javascript,import{writeFileSync}from"node:fs";process.on("exit",()=>{if(process.env.BENCH_RSS_FILE)writeFileSync(process.env.BENCH_RSS_FILE,String(process.resourceUsage().maxRSS))})`;

/**
 * Runs `node ...args` against the fake at `url` with ISSUETRACK_DB=`database`; returns its wall
 * time in seconds and peak RSS in MB. With `expectTickets`, checks that `sync --json` stored them.
 */
export async function measure({ work, label, url, database, args, expectTickets }) {
  const rssFile = join(work, `${label}.rss`);
  const env = {
    PATH: process.env.PATH, HOME: work, CI: '1', NO_COLOR: '1', ISSUETRACK_DB: database, BENCH_DB: database, BENCH_RSS_FILE: rssFile,
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
  if (expectTickets !== undefined) {
    const r = JSON.parse(out).result;
    if (r.tickets_upserted !== expectTickets) throw new Error(`sync stored ${r.tickets_upserted} of ${expectTickets} tickets`);
  }
  return { s, rssMb: Math.round(Number(readFileSync(rssFile, 'utf8')) / 1024) };
}
