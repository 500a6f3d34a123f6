import { describe, expect, it } from 'vitest';
import { planJobAlerts, type JobHistory, type JobRun } from '../../src/alerts/job-rules.js';

const HOUR = 3_600_000;
const NOW = Date.parse('2026-11-28T12:10:00Z');
const run = (id: string, status: JobRun['status'], hoursAgo: number, error: string | null = null): JobRun => ({ id, status, startedAt: new Date(NOW - hoursAgo * HOUR).toISOString(), error });
const job = (overrides: Partial<JobHistory>): JobHistory => ({ name: 'trends', schedule: '30 * * * *', enabled: true, runs: [], overdue: false, lastSuccessAt: null, periodMs: HOUR, ...overrides });

describe('job alert rules', () => {
  it('alerts when the last two finished runs failed, keyed by the streak', () => {
    const runs = [run('r3', 'failed', 1, 'Zendesk unavailable'), run('r2', 'failed', 2), run('r1', 'completed', 3)];
    const [intent] = planJobAlerts([job({ runs })]);
    expect(intent).toMatchObject({ kind: 'job_failing', job: 'trends', failures: 2, lastError: 'Zendesk unavailable', idempotencyKey: 'job_failing:trends:r2' });
    const longer = [run('r4', 'failed', 0.5), ...runs];
    expect(planJobAlerts([job({ runs: longer })])[0]!.idempotencyKey).toBe('job_failing:trends:r2');
  });

  it('does not alert for one failure, and a cancelled run neither breaks nor extends a streak', () => {
    expect(planJobAlerts([job({ runs: [run('r2', 'failed', 1), run('r1', 'completed', 2)] })])).toEqual([]);
    const withCancel = [run('r3', 'failed', 1), run('rc', 'cancelled', 1.5), run('r2', 'failed', 2)];
    expect(planJobAlerts([job({ runs: withCancel })]).map((i) => i.failures)).toEqual([2]);
  });

  it("alerts an overdue job once per stretch since its last success, when it was due", () => {
    const lastSuccessAt = new Date(NOW - 3 * HOUR).toISOString();
    const [late] = planJobAlerts([job({ overdue: true, lastSuccessAt, runs: [run('r1', 'completed', 3)] })]);
    expect(late).toMatchObject({ kind: 'job_overdue', idempotencyKey: `job_overdue:trends:${lastSuccessAt}`, expectedAt: new Date(NOW - 2 * HOUR).toISOString() });
    expect(planJobAlerts([job({ overdue: false, lastSuccessAt, runs: [run('r1', 'completed', 0.5)] })])).toEqual([]);
  });

  it('never alerts about a disabled job', () => {
    expect(planJobAlerts([job({ enabled: false, overdue: true, runs: [run('r2', 'failed', 1), run('r1', 'failed', 2)] })])).toEqual([]);
  });
});
