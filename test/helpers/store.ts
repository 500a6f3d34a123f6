import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import type { Clock } from '../../src/clock.js';
import { resolveConfig, type Config } from '../../src/config.js';
import type { Deps } from '../../src/deps.js';
import { silentReporter, type Reporter } from '../../src/output/reporter.js';
import { openStore, type SqliteStore, type Store } from '../../src/store/open-store.js';
import { tempDir } from './temp-dir.js';

/** A migrated database in a temp dir, closed when the test finishes. */
export function tempStore(): SqliteStore {
  const path = join(tempDir(), 'issuetrack.db');
  const store = openStore(path);
  onTestFinished(() => store.close());
  return store;
}

/** A clock tests move by hand. */
export function manualClock(startMs = Date.parse('2026-11-28T12:00:00Z')): Clock & { advance(ms: number): void; set(ms: number): void } {
  let now = startMs;
  return {
    now: () => now,
    advance: (ms) => {
      now += ms;
    },
    set: (ms) => {
      now = ms;
    },
  };
}

/** Deps over an SQLite store: what most suites drive. */
export type SqliteDeps = Deps & { store: SqliteStore };

/** Deps over a temp database: silent reporter, real clock unless given, a never-aborted signal. */
export function testDeps(overrides: Partial<Omit<Deps, 'store'>> & { store?: SqliteStore; env?: Record<string, string> } = {}): SqliteDeps {
  return depsOver(overrides.store ?? tempStore(), overrides);
}

/** Deps over `store`, of either database (see testDeps for the defaults). */
export function depsOver<S extends Store>(store: S, overrides: Partial<Omit<Deps, 'store'>> & { env?: Record<string, string> } = {}): Deps & { store: S } {
  const config: Config =
    overrides.config ?? resolveConfig({ flags: { db: store.path }, env: { HOME: '/nonexistent', ...overrides.env }, cwd: '/' });
  const reporter: Reporter = overrides.reporter ?? silentReporter;
  return {
    store,
    db: store.db,
    config,
    reporter,
    signal: overrides.signal ?? new AbortController().signal,
    clock: overrides.clock ?? { now: () => Date.now() },
    pid: overrides.pid ?? process.pid,
    host: overrides.host ?? 'test-host',
    leaseMs: overrides.leaseMs ?? 60_000,
  };
}
