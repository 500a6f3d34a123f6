// Sync against a Zendesk stand-in that enforces Zendesk's limits (run by hand after `npm run build`;
// figures go to README "Sync"):
//   node bench/sync-limits.mjs [tickets=20000] [changed=1000] [scale=10]
// The stand-in (own process) answers 429 with Retry-After past 10 incremental-export requests and
// 700 other requests per window, a window being 60 s / scale (scale 10: 6 s, so the bench takes
// minutes, not an hour; every figure below is in windows, which the scale does not change).
// 1. Backfill: `issuetrack sync` of `tickets` tickets (0..4 comments each) into a fresh database,
//    timed against the least time the limits allow for the requests it needs: the first window's
//    budget is free, each further window adds 10 export requests (ticket pages + event pages).
// 2. Steady day: `changed` tickets change (60% get a comment, 25% an agent's update, 5% are
//    deleted, 10% are new with a comment), then `issuetrack sync` again: requests per 1000 changed.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { bundleScript, root } from './sync-setup.mjs';

const tickets = Number(process.argv[2] ?? 20_000);
const changed = Number(process.argv[3] ?? 1_000);
const scale = Number(process.argv[4] ?? 10);
const windowMs = 60_000 / scale;
const EXPORTS_PER_WINDOW = 10;
const API_PER_WINDOW = 700;

const work = mkdtempSync(join(tmpdir(), 'issuetrack-bench-'));
const fakeEntry = await bundleScript(work, 'fake.mjs', `import { createInterface } from 'node:readline';
      import { startFakeZendesk } from './src/sandbox/zendesk-server.ts';
      import { ZendeskModel } from './src/sandbox/zendesk-model.ts';
      const [n, windowMs] = process.argv.slice(2).map(Number);
      const model = new ZendeskModel({ seed: 1 }).seed(n, 4);
      const fake = await startFakeZendesk({ model, limits: { windowMs, exports: ${EXPORTS_PER_WINDOW}, api: ${API_PER_WINDOW}, enforce: true } });
      process.stdout.write(JSON.stringify({ url: fake.url, events: model.events.size }) + '\\n');
      createInterface({ input: process.stdin }).on('line', (line) => {
        const [cmd, arg] = line.split(' ');
        if (cmd === 'change') {
          const k = Number(arg);
          const ids = model.ticketIds().filter((id) => model.tickets.get(id).status !== 'deleted');
          let i = 0;
          const pick = () => ids[(i++ * 7919) % ids.length];
          for (let j = 0; j < k * 0.6; j++) model.addComment(pick());
          for (let j = 0; j < k * 0.25; j++) model.updateTicket(pick());
          for (let j = 0; j < k * 0.05; j++) model.deleteTicket(pick());
          for (let j = 0; j < k * 0.1; j++) model.addComment(model.addTicket().id);
        }
        process.stdout.write(JSON.stringify({ ...fake.stats }) + '\\n');
      });`);

const fake = spawn(process.execPath, [fakeEntry, String(tickets), String(windowMs)], { stdio: ['pipe', 'pipe', 'inherit'] });
const lines = createInterface({ input: fake.stdout })[Symbol.asyncIterator]();
const next = async () => JSON.parse((await lines.next()).value);
const ask = async (line) => {
  fake.stdin.write(`${line}\n`);
  return next();
};
try {
  const { url, events } = await next();
  const db = join(work, 'bench.db');
  const env = {
    PATH: process.env.PATH, HOME: work, CI: '1', NO_COLOR: '1', ISSUETRACK_DB: db, XDG_STATE_HOME: join(work, 'state'),
    ZENDESK_URL: url, ZENDESK_EMAIL: 'admin@example.test', ZENDESK_API_TOKEN: 'test-api-token',
  };
  const sync = async () => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [join(root, 'dist/cli.js'), 'sync', '--json'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    const code = await new Promise((resolve) => child.on('close', resolve));
    if (code !== 0) throw new Error(`sync exited ${code}: ${out}`);
    return { ms: Number(process.hrtime.bigint() - started) / 1e6, result: JSON.parse(out).result };
  };
  const routes = (s) => ({ exports: (s.byRoute.export ?? 0) + (s.byRoute.ticket_events ?? 0), all: s.requests, served429: s.served429, comments: s.byRoute.comments ?? 0 });

  const s0 = routes(await ask('stats'));
  const backfill = await sync();
  const s1 = routes(await ask('stats'));
  const exportRequests = s1.exports - s0.exports;
  const apiRequests = s1.all - s1.exports - (s0.all - s0.exports);
  const windows = Math.max(Math.ceil(exportRequests / EXPORTS_PER_WINDOW), Math.ceil(apiRequests / API_PER_WINDOW)) - 1;
  const leastMs = Math.max(0, windows) * windowMs;
  console.log(`window ${windowMs} ms (scale ${scale}); limits ${EXPORTS_PER_WINDOW} export and ${API_PER_WINDOW} other requests per window`);
  console.log(`backfill: ${tickets} tickets, ${events} ticket events, ${backfill.result.comments_fetched} comments`);
  console.log(`  requests: ${exportRequests} export (${backfill.result.pages} ticket pages, ${backfill.result.comment_event_pages} event pages), ${apiRequests} other (${s1.comments - s0.comments} per-ticket comments), ${s1.served429 - s0.served429} answered 429`);
  console.log(`  time ${(backfill.ms / 1000).toFixed(1)} s; least the limits allow ${(leastMs / 1000).toFixed(1)} s (${windows} windows after the first); ratio ${leastMs ? `${(backfill.ms / leastMs).toFixed(2)}x` : 'n/a (all within the first window)'} (goal within 1.2x)`);

  await ask(`change ${changed}`);
  const day = await sync();
  const s2 = routes(await ask('stats'));
  const requests = s2.all - s1.all;
  console.log(`steady day: ${changed} changed tickets; ${requests} requests (${s2.exports - s1.exports} export, ${s2.comments - s1.comments} per-ticket comments, ${s2.served429 - s1.served429} answered 429) in ${(day.ms / 1000).toFixed(1)} s`);
  console.log(`  ${((requests * 1000) / changed).toFixed(1)} requests per 1000 changed tickets (goal <= 20)`);
} finally {
  fake.kill();
  rmSync(work, { recursive: true, force: true });
}
