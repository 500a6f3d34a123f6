import { onTestFinished } from 'vitest';
import { analyze, type AnalyzeOptions, type AnalyzeResult } from '../../src/analysis/analyze-task.js';
import { resolveConfig } from '../../src/config.js';
import type { Deps } from '../../src/deps.js';
import { runTask, type TaskOutcome } from '../../src/worker/run-task.js';
import { startClaudeFake, type ClaudeFake, type ClaudeFakeOptions } from '../../src/sandbox/claude-server.js';
import type { Dialect } from '../../src/store/database-target.js';
import type { Store } from '../../src/store/store.js';
import { tempStoreOf } from '../helpers/dialects.js';
import { depsOver, tempStore, type SqliteDeps } from '../helpers/store.js';

export const TEST_KEY = 'sk-ant-test-key';

/** A fake Claude (closed after the test) and Deps over an SQLite store whose config points at it. */
export async function analysisSetup(fakeOptions: ClaudeFakeOptions = {}, env: Record<string, string> = {}): Promise<{ fake: ClaudeFake; deps: SqliteDeps }> {
  return setupOver(tempStore(), fakeOptions, env);
}

/** analysisSetup over a new store of `dialect`. */
export async function analysisSetupOn(dialect: Dialect, fakeOptions: ClaudeFakeOptions = {}, env: Record<string, string> = {}): Promise<{ fake: ClaudeFake; deps: Deps }> {
  return setupOver(await tempStoreOf(dialect), fakeOptions, env);
}

async function setupOver<S extends Store>(store: S, fakeOptions: ClaudeFakeOptions, env: Record<string, string>): Promise<{ fake: ClaudeFake; deps: Deps & { store: S } }> {
  const fake = await startClaudeFake({ apiKey: TEST_KEY, retryAfterMs: 5, retryAfterSeconds: 0, ...fakeOptions });
  onTestFinished(() => fake.close());
  const config = resolveConfig({
    flags: { db: store.path },
    env: { HOME: '/nonexistent', ANTHROPIC_API_KEY: TEST_KEY, ANTHROPIC_BASE_URL: fake.url, ...env },
    cwd: '/',
  });
  return { fake, deps: depsOver(store, { config }) };
}

export const defaultOptions: AnalyzeOptions = { batchSize: 500, concurrency: 8, redact: true };

/** Runs the analyze task as the CLI would (under the lease, recorded in runs). */
export function runAnalyze(deps: Deps, opts: Partial<AnalyzeOptions> = {}): Promise<TaskOutcome<AnalyzeResult>> {
  return runTask(deps, 'analyze', {}, (ctx) => analyze(ctx, { ...defaultOptions, ...opts }));
}

/** analysis_status per ticket id, in id order: analyzed, failed, or pending (no row). */
export async function statuses(deps: Deps): Promise<Map<number, { status: string; error: string | null }>> {
  const rows = await deps.db
    .selectFrom('tickets as t')
    .leftJoin('ticket_analyses as a', 'a.ticket_id', 't.id')
    .select(['t.id', 'a.status', 'a.error'])
    .where('t.deleted', '=', 0)
    .orderBy('t.id')
    .execute();
  return new Map(rows.map((r) => [r.id, { status: r.status ?? 'pending', error: r.error }]));
}

/** Bodies of recorded POST /v1/messages requests (live) and batch creations. */
export function sentBodies(fake: ClaudeFake): string[] {
  return fake.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/v1/messages')).map((r) => r.body);
}
