import { exitCodeOf, oneLineMessage } from '../errors.js';
import type { Check, CheckResult, DoctorContext } from './check.js';

export interface DoctorReport {
  ok: boolean;
  /** The most severe failure's exit code (0 when all pass): 77 beats 69 beats 78 beats 1. */
  exit_code: number;
  checks: Array<{ name: string; status: CheckResult['status']; detail: string }>;
}

const SEVERITY = [77, 69, 78];

/** Runs `checks` in order. Never throws except for an abort: a throwing check becomes a failure. */
export async function runDoctor(checks: readonly Check[], ctx: DoctorContext): Promise<DoctorReport> {
  const results: DoctorReport['checks'] = [];
  const codes: number[] = [];
  for (const check of checks) {
    let result: CheckResult;
    try {
      result = await check.run(ctx);
    } catch (error) {
      if (ctx.signal.aborted) throw ctx.signal.reason;
      result = { status: 'fail', detail: oneLineMessage(error), exitCode: exitCodeOf(error) };
    }
    if (result.status === 'fail') codes.push(result.exitCode);
    results.push({ name: check.name, status: result.status, detail: result.detail });
  }
  return { ok: codes.length === 0, exit_code: worstExitCode(codes), checks: results };
}

/** Auth problems first (nothing works until fixed), then reachability, then configuration. */
export function worstExitCode(codes: readonly number[]): number {
  if (codes.length === 0) return 0;
  for (const code of SEVERITY) if (codes.includes(code)) return code;
  return codes[0]!;
}
