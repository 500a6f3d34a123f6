import type { FastifyInstance, InjectOptions } from 'fastify';
import { onTestFinished } from 'vitest';
import type { Deps } from '../../src/deps.js';
import { trendsJob } from '../../src/pipeline/trends-job.js';
import { Secret } from '../../src/secret.js';
import { buildApp, type BuildAppOptions } from '../../src/server/app.js';
import { runTask } from '../../src/worker/run-task.js';
import { seedTickets, ticketsOver } from '../helpers/seed-issues.js';
import type { Dialect } from '../../src/store/database-target.js';
import { testDepsOf } from '../helpers/dialects.js';
import { manualClock, testDeps, type SqliteDeps } from '../helpers/store.js';

export const DAY = 86_400_000;
export const NOW = Date.parse('2026-11-28T12:00:00Z');
export const TOKEN = 'test-token-0123456789abcdef';

/**
 * An app over a temp database with a clock fixed at NOW, closed (runs and all) when the test
 * finishes. `token: true` sets ISSUETRACK_API_TOKEN to TOKEN.
 */
export async function testApp(
  opts: { token?: boolean; env?: Record<string, string>; deps?: SqliteDeps } & Omit<BuildAppOptions, 'token'> = {},
): Promise<{ app: FastifyInstance; deps: SqliteDeps }> {
  const deps = opts.deps ?? testDeps({ clock: manualClock(NOW), env: opts.env });
  return { app: await appOver(deps, opts), deps };
}

/** The same app over a new store of `dialect` (suites that run on both databases). */
export async function testAppOn(
  dialect: Dialect,
  opts: { token?: boolean; env?: Record<string, string>; deps?: Deps } & Omit<BuildAppOptions, 'token'> = {},
): Promise<{ app: FastifyInstance; deps: Deps }> {
  const deps = opts.deps ?? (await testDepsOf(dialect, { clock: manualClock(NOW), env: opts.env }));
  return { app: await appOver(deps, opts), deps };
}

async function appOver(deps: Deps, opts: { token?: boolean } & Omit<BuildAppOptions, 'token'>): Promise<FastifyInstance> {
  const app = await buildApp(deps, { ...opts, token: opts.token ? new Secret(TOKEN) : undefined, version: '9.9.9' });
  onTestFinished(() => app.close());
  return app;
}

/** Injects and parses the JSON answer. */
export async function call(app: FastifyInstance, request: InjectOptions): Promise<{ status: number; body: any; headers: Record<string, unknown> }> {
  const response = await app.inject(request);
  return { status: response.statusCode, body: response.body ? JSON.parse(response.body) : undefined, headers: response.headers };
}

/**
 * Two themes and a third rising one, placed by a trends run in-process: 6 CSV-export tickets
 * over the week, 3 billing tickets, and 12 login tickets in the last day after a quiet month.
 */
export async function seedThemes(deps: Deps): Promise<void> {
  await seedTickets(deps.db, [
    ...ticketsOver({ firstId: 1, count: 6, fromMs: NOW - 6 * DAY, toMs: NOW - 60_000, title: 'CSV export times out for large reports', category: 'performance', component: 'reports' }),
    ...ticketsOver({ firstId: 20, count: 3, fromMs: NOW - 3 * DAY, toMs: NOW - 60_000, title: 'Charged twice for the monthly plan', category: 'billing', component: 'billing' }),
    ...ticketsOver({ firstId: 40, count: 2, fromMs: NOW - 30 * DAY, toMs: NOW - 20 * DAY, title: 'Login fails with SSO after password reset', category: 'bug', component: 'auth' }),
    ...ticketsOver({ firstId: 60, count: 12, fromMs: NOW - DAY, toMs: NOW - 60_000, title: 'Login fails with SSO after password reset', category: 'bug', component: 'auth' }),
  ]);
  const outcome = await runTask(deps, 'trends', {}, (ctx) => trendsJob(ctx, {}));
  if (outcome.error) throw outcome.error;
}

/** A promise with its resolve function, for holding a run open until the test lets it go. */
export function gate<T = void>(): { promise: Promise<T>; open: (value: T) => void } {
  let open!: (value: T) => void;
  const promise = new Promise<T>((resolve) => (open = resolve));
  return { promise, open };
}
