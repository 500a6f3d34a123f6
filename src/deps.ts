import type { Kysely } from 'kysely';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { RunLog } from './output/log-file.js';
import type { Reporter } from './output/reporter.js';
import type { Database } from './store/schema.js';
import type { Store } from './store/store.js';

/**
 * What every task and query receives, built once in cli.ts (or the server's app factory).
 * Below that edge no code reads process.env, Date.now() or process.stdout.
 * API clients are not here: the commands that need them build them from `config`.
 */
export interface Deps {
  readonly store: Store;
  readonly db: Kysely<Database>;
  readonly config: Config;
  readonly reporter: Reporter;
  /** Aborts on SIGINT/SIGTERM with an InterruptedError as its reason. */
  readonly signal: AbortSignal;
  readonly clock: Clock;
  readonly pid: number;
  readonly host: string;
  /** How long a lease lasts without a heartbeat. */
  readonly leaseMs: number;
  /** The run log (output/log-file.ts); runs write their start and end lines to it. None: nothing logged. */
  readonly log?: RunLog;
  /** Who started this process's runs, for the run log. Default cli. */
  readonly trigger?: Trigger;
}

export const TRIGGERS = ['cli', 'cron', 'systemd', 'serve'] as const;
export type Trigger = (typeof TRIGGERS)[number];
