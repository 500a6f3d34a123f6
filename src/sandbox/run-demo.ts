import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { isoAt, type Clock } from '../clock.js';
import { databasePathFromUrl, resolveConfig } from '../config.js';
import type { DatabaseTarget } from '../store/database-target.js';
import { isPostgresUrl, parsePostgresUrl } from '../store/postgres/postgres-url.js';
import type { Deps } from '../deps.js';
import type { Reporter } from '../output/reporter.js';
import type { PipelineResult } from '../pipeline/pipeline-task.js';
import { pipelinePlan } from '../pipeline/task-plans.js';
import { listThemes, type ThemeSummary } from '../themes/theme-queries.js';
import { runTask, type RunRecord } from '../worker/run-task.js';
import { startClaudeFake, type RecordedRequest } from './claude-server.js';
import { openDemoStore } from './demo-database.js';
import { DEFAULT_SEED, generateSampleInbox, sampleZendeskModel } from './sample-inbox.js';
import { startFakeZendesk } from './zendesk-server.js';

export interface DemoInput {
  /** --db as given (path, file: or sqlite: URL, or a postgres:// URL); undefined means a new temp folder. */
  db?: string;
  cwd: string;
  /** Where the fresh temp folder goes (os.tmpdir()). */
  tmpRoot: string;
  reporter: Reporter;
  signal: AbortSignal;
  clock: Clock;
  pid: number;
  seed?: number;
  /** Called once the database is accepted, before the stand-ins start (the command's header). */
  onStart?: () => void;
}

/** What the stand-ins saw: shown by `demo --json`, so anyone can check that redaction held. */
export interface SandboxCounts {
  tickets: number;
  deleted_tickets: number;
  organizations: number;
  zendesk_requests: number;
  claude_requests: number;
  /** Planted emails, phone numbers and names found in anything the Claude stand-in received. */
  pii_sent_to_claude: number;
}

export interface DemoResult {
  /** The SQLite file, or the PostgreSQL URL without its password. */
  dbPath: string;
  record: RunRecord<PipelineResult>;
  /** What `issuetrack issues` would list now (7-day window, top 20). */
  themes: ThemeSummary[];
  sandbox: SandboxCounts;
  /** Every request the Claude stand-in received, for tests. */
  claudeRequests: readonly RecordedRequest[];
}

/** The window and length of the theme list: the defaults of `issuetrack issues`. */
const THEME_WINDOW_MS = 7 * 86_400_000;
const THEME_LIMIT = 20;
/** Reaches past the sample's 35 days; the first run's default (30) would miss the oldest tickets. */
const BACKFILL_DAYS = 36;

/** Where the demo writes: --db (an SQLite path or URL, or a PostgreSQL URL), else a new temp folder's file. */
function demoTarget(input: DemoInput): DatabaseTarget {
  if (input.db === undefined) return { dialect: 'sqlite', path: join(mkdtempSync(join(input.tmpRoot, 'issuetrack-demo-')), 'demo.db') };
  // The pool size as every command's default: the demo reads no environment.
  if (isPostgresUrl(input.db)) return parsePostgresUrl(input.db, undefined);
  return { dialect: 'sqlite', path: resolve(input.cwd, databasePathFromUrl(input.db)) };
}

/**
 * The whole flow against loopback stand-ins: builds the sample inbox, serves it from the Zendesk
 * stand-in, and runs the real pipeline task (sync → analyze → trends, under the lease, recorded
 * in runs) with the real clients pointed at 127.0.0.1. The configuration is made here from the
 * stand-ins' addresses and one-off keys: the user's environment and .env are never read, so no
 * real credential is used and nothing leaves the machine. Throws ConfigError (78) for a --db
 * that holds foreign tickets (untouched), the run's error when it fails, InterruptedError on
 * SIGINT. The stand-ins and the database are closed in every case.
 */
export async function runDemo(input: DemoInput): Promise<DemoResult> {
  const target = demoTarget(input);
  // The folder HOME points at: the database's own, or (PostgreSQL) a new temp one.
  const folder = target.dialect === 'sqlite' ? dirname(target.path) : mkdtempSync(join(input.tmpRoot, 'issuetrack-demo-'));
  const nowMs = input.clock.now();
  const store = await openDemoStore(target, isoAt(nowMs));
  const dbPath = store.path;
  input.onStart?.();
  const inbox = generateSampleInbox({ nowMs, seed: input.seed ?? DEFAULT_SEED });
  const zendeskAuth = { email: 'demo-admin@tallyo.example', apiToken: randomBytes(16).toString('hex') };
  const claudeKey = `sk-ant-demo-${randomBytes(16).toString('hex')}`;
  const stopAll: Array<() => Promise<void>> = [() => store.close()];
  try {
    input.reporter.info('demo: starting the Zendesk and Claude stand-ins on 127.0.0.1');
    const zendesk = await startFakeZendesk({ model: sampleZendeskModel(inbox, nowMs), auth: zendeskAuth });
    stopAll.unshift(() => zendesk.close());
    const claude = await startClaudeFake({ apiKey: claudeKey });
    stopAll.unshift(() => claude.close());
    input.signal.throwIfAborted();

    const config = resolveConfig({
      // A PostgreSQL --db as given: it holds the password, which the printable dbPath leaves out.
      flags: { db: target.dialect === 'postgres' ? input.db : dbPath },
      // HOME in the demo's folder: nothing resolved from it (state, logs) lands in the user's.
      env: {
        HOME: folder,
        ZENDESK_URL: zendesk.url,
        ZENDESK_EMAIL: zendeskAuth.email,
        ZENDESK_API_TOKEN: zendeskAuth.apiToken,
        ANTHROPIC_API_KEY: claudeKey,
        ANTHROPIC_BASE_URL: claude.url,
      },
      cwd: folder,
    });
    const deps: Deps = {
      store,
      db: store.db,
      config,
      reporter: input.reporter,
      signal: input.signal,
      clock: input.clock,
      pid: input.pid,
      host: hostname(),
      leaseMs: config.leaseSeconds * 1000,
    };
    const plan = pipelinePlan(deps, { backfill_days: BACKFILL_DAYS, batch_size: 5000, concurrency: 16, batch: false, redact: true, name_with_claude: false });
    const outcome = await runTask(deps, plan.task, { ...plan.params, demo: true }, plan.run);
    if (outcome.error) throw outcome.error;

    const themes = await listThemes(store.db, { nowMs: input.clock.now(), windowMs: THEME_WINDOW_MS, limit: THEME_LIMIT });
    const sent = claude.requests.map((r) => r.body).join('\n');
    return {
      dbPath,
      record: outcome.record,
      themes,
      sandbox: {
        tickets: inbox.tickets.length,
        deleted_tickets: inbox.tickets.filter((t) => t.ticket.status === 'deleted').length,
        organizations: new Set(inbox.tickets.map((t) => t.ticket.organization_id).filter((id) => id !== null)).size,
        zendesk_requests: zendesk.stats.requests,
        claude_requests: claude.requests.length,
        pii_sent_to_claude: inbox.planted.filter((p) => sent.includes(p) || sent.includes(JSON.stringify(p).slice(1, -1))).length,
      },
      claudeRequests: claude.requests,
    };
  } finally {
    for (const stop of stopAll) await stop();
  }
}
