import { join } from 'node:path';
import { expect, onTestFinished } from 'vitest';
import { startClaudeFake } from '../../src/sandbox/claude-server.js';
import { ZendeskModel } from '../../src/sandbox/zendesk-model.js';
import { startFakeZendesk, TEST_CREDENTIALS } from '../../src/sandbox/zendesk-server.js';
import type { Dialect } from '../../src/store/database-target.js';
import { acquireLease, releaseLease } from '../../src/worker/lease.js';
import { cliEnv, runCli } from './cli.js';
import { openTarget } from './dialects.js';
import { createDatabase } from './postgres.js';
import { tempDir } from './temp-dir.js';

const KEY = 'sk-ant-metrics-test';
export const DAY_MS = 86_400_000;

/**
 * A database filled by real runs through the Zendesk and Claude stand-ins (a pipeline, a trends
 * run, a sync refused by Zendesk), plus runs recorded by the real lease code on earlier days
 * (the CLI's runs all start today). Returns the database (a file, or a new PostgreSQL database's
 * URL) and the CLI environment.
 */
export async function standInHistory(dialect: Dialect = 'sqlite'): Promise<{ db: string; env: Record<string, string> }> {
  const home = tempDir();
  const db = dialect === 'sqlite' ? join(home, 'metrics.db') : await createDatabase();
  const env = await standInEnv(home, db, 5);
  expect((await runCli(['pipeline'], { env })).exitCode).toBe(0);
  expect((await runCli(['trends'], { env })).exitCode).toBe(0);
  expect((await runCli(['sync'], { env: { ...env, ZENDESK_API_TOKEN: 'revoked' } })).exitCode).toBe(77);

  const store = await openTarget(db);
  const now = Date.now();
  const past: Array<{ daysAgo: number; task: string; status: 'completed' | 'failed' | 'cancelled'; ms: number; result: Record<string, unknown> | null }> = [
    { daysAgo: 1, task: 'sync', status: 'completed', ms: 4_200, result: { tickets_fetched: 9, tickets_upserted: 7, tickets_deleted: 1, comments_fetched: 20 } },
    { daysAgo: 1, task: 'analyze', status: 'failed', ms: 65_000, result: { tickets_analyzed: 3, issues_extracted: 5, tickets_failed: 2 } },
    { daysAgo: 3, task: 'pipeline', status: 'completed', ms: 900_000, result: { sync: { tickets_upserted: 11 }, analyze: { tickets_analyzed: 10, issues_extracted: 14, tickets_failed: 1 }, trends: { clusters: 4 } } },
    { daysAgo: 3, task: 'pipeline', status: 'failed', ms: 2_000, result: { sync: { error: 'Zendesk down', exit_code: 69 }, analyze: { tickets_analyzed: 2, issues_extracted: 2, tickets_failed: 0 }, trends: null } },
    { daysAgo: 12, task: 'trends', status: 'cancelled', ms: 300, result: null },
    { daysAgo: 29, task: 'sync', status: 'completed', ms: 1_500, result: { tickets_upserted: 40 } },
    { daysAgo: 31, task: 'sync', status: 'completed', ms: 1_500, result: { tickets_upserted: 1000 } }, // outside the 30 days
  ];
  for (const [i, run] of past.entries()) {
    const startedMs = now - run.daysAgo * DAY_MS;
    const runId = `r_past_${i}`;
    const claim = await acquireLease(store, { runId, task: run.task, params: {}, pid: process.pid, host: 'test', nowMs: startedMs, leaseMs: 60_000, isPidAlive: () => true });
    expect(claim.acquired).toBe(true);
    await releaseLease(store, { runId, status: run.status, result: run.result, error: run.status === 'completed' ? null : 'x', exitCode: run.status === 'completed' ? 0 : 1, nowMs: startedMs + run.ms, startedMs });
  }
  await store.close();
  return { db, env };
}

export interface RawRun {
  task: string;
  status: string;
  started_at: string;
  finished_at: string | null;
  duration_ms: number | null;
  result: Record<string, any> | null;
}

/** Every row of `runs` as stored, with its result parsed: what the tests compute expectations from. */
export async function rawRuns(db: string): Promise<RawRun[]> {
  const store = await openTarget(db);
  try {
    const rows = await store.db.selectFrom('runs').select(['task', 'status', 'started_at', 'finished_at', 'duration_ms', 'result']).execute();
    return rows.map((r) => ({ ...r, result: r.result ? JSON.parse(r.result) : null }));
  } finally {
    await store.close();
  }
}

/** The counts a run's stored result reports, read the way a person reads the JSON. */
export function resultCounts(run: RawRun): { synced: number; processed: number; issues: number } {
  const sync = run.task === 'pipeline' ? run.result?.sync : run.result;
  const analyze = run.task === 'pipeline' ? run.result?.analyze : run.result;
  const n = (v: unknown) => (typeof v === 'number' ? v : 0);
  return {
    synced: run.task === 'sync' || run.task === 'pipeline' ? n(sync?.tickets_upserted) : 0,
    processed: run.task === 'analyze' || run.task === 'pipeline' ? n(analyze?.tickets_analyzed) + n(analyze?.tickets_failed) : 0,
    issues: run.task === 'analyze' || run.task === 'pipeline' ? n(analyze?.issues_extracted) : 0,
  };
}

/**
 * The CLI environment of `home` for database `db`, with the Zendesk stand-in (40 tickets of the
 * model seeded with `seed`) and the Claude stand-in running until the test finishes.
 */
export async function standInEnv(home: string, db: string, seed: number): Promise<Record<string, string>> {
  const zendesk = await startFakeZendesk({ model: new ZendeskModel({ seed }).seed(40, 3) });
  const claude = await startClaudeFake({ apiKey: KEY });
  onTestFinished(async () => {
    await zendesk.close();
    await claude.close();
  });
  return cliEnv(home, {
    ISSUETRACK_DB: db,
    ZENDESK_URL: zendesk.url,
    ZENDESK_EMAIL: TEST_CREDENTIALS.email,
    ZENDESK_API_TOKEN: TEST_CREDENTIALS.apiToken,
    ANTHROPIC_BASE_URL: claude.url,
    ANTHROPIC_API_KEY: KEY,
  });
}
