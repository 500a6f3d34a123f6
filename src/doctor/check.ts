import type { Clock } from '../clock.js';
import type { Config } from '../config.js';

/** What a check found. A failure carries the exit code of its cause (77 auth, 69 unreachable, 78 config). */
export type CheckResult = { status: 'pass' | 'skip'; detail: string } | { status: 'fail'; detail: string; exitCode: number };

export interface DoctorContext {
  /** Undefined when the configuration could not be read (the config check says why). */
  readonly config: Config | undefined;
  readonly configError: unknown;
  readonly signal: AbortSignal;
  readonly clock: Clock;
}

/**
 * One line of `issuetrack doctor`. A check returns its result; if it throws, doctor records a
 * failure with the error's exit code. Checks run in list order (src/doctor/checks.ts).
 */
export interface Check {
  readonly name: string;
  run(ctx: DoctorContext): Promise<CheckResult>;
}
