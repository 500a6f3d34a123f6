import { onTestFinished } from 'vitest';
import { analyze, type AnalyzeOptions, type AnalyzeResult } from '../../src/analysis/analyze-task.js';
import { resolveConfig } from '../../src/config.js';
import type { Deps } from '../../src/deps.js';
import { runTask, type TaskOutcome } from '../../src/worker/run-task.js';
import { startClaudeFake, type ClaudeFake, type ClaudeFakeOptions } from '../../src/sandbox/claude-server.js';
import { tempStore, testDeps, type SqliteDeps } from '../helpers/store.js';

export const TEST_KEY = 'sk-ant-test-key';

/** A fake Claude (closed after the test) and Deps whose config points at it. */
export async function analysisSetup(fakeOptions: ClaudeFakeOptions = {}, env: Record<string, string> = {}): Promise<{ fake: ClaudeFake; deps: SqliteDeps }> {
  const fake = await startClaudeFake({ apiKey: TEST_KEY, retryAfterMs: 5, retryAfterSeconds: 0, ...fakeOptions });
  onTestFinished(() => fake.close());
  const store = tempStore();
  const config = resolveConfig({
    flags: { db: store.path },
    env: { HOME: '/nonexistent', ANTHROPIC_API_KEY: TEST_KEY, ANTHROPIC_BASE_URL: fake.url, ...env },
    cwd: '/',
  });
  return { fake, deps: testDeps({ store, config }) };
}

export const defaultOptions: AnalyzeOptions = { batchSize: 500, concurrency: 8, redact: true };

/** Runs the analyze task as the CLI would (under the lease, recorded in runs). */
export function runAnalyze(deps: Deps, opts: Partial<AnalyzeOptions> = {}): Promise<TaskOutcome<AnalyzeResult>> {
  return runTask(deps, 'analyze', {}, (ctx) => analyze(ctx, { ...defaultOptions, ...opts }));
}

/** analysis_status per ticket id: analyzed, failed, or pending (no row). */
export function statuses(deps: SqliteDeps): Map<number, { status: string; error: string | null }> {
  const rows = deps.store.sqlite
    .prepare(`SELECT t.id, a.status, a.error FROM tickets t LEFT JOIN ticket_analyses a ON a.ticket_id = t.id WHERE t.deleted = 0`)
    .all() as Array<{ id: number; status: string | null; error: string | null }>;
  return new Map(rows.map((r) => [r.id, { status: r.status ?? 'pending', error: r.error }]));
}

/** Bodies of recorded POST /v1/messages requests (live) and batch creations. */
export function sentBodies(fake: ClaudeFake): string[] {
  return fake.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/v1/messages')).map((r) => r.body);
}
