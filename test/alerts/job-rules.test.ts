import { describe, expect, it } from 'vitest';
import { planJobAlerts, type JobRun } from '../../src/alerts/job-rules.js';

const HOUR = 3_600_000;
const NOW = Date.parse('2026-11-28T12:10:00Z');
const run = (id: string, status: JobRun['status'], hoursAgo: number, error: string | null = null): JobRun => ({ id, status, startedAt: new Date(NOW - hoursAgo * HOUR).toISOString(), error });

describe('job alert rules', () => {
  it('alerts when the last two finished runs failed, keyed by the streak', () => {
    const runs = [run('r3', 'failed', 1, 'Zendesk unavailable'), run('r2', 'failed', 2), run('r1', 'completed', 3)];
    const [intent] = planJobAlerts([{ name: 'trends', schedule: '* * * * *', runs }], NOW, HOUR);
    expect(intent).toMatchObject({ kind: 'job_failing', job: 'trends', failures: 2, lastError: 'Zendesk unavailable', idempotencyKey: 'job_failing:trends:r2' });
    const longer = [run('r4', 'failed', 0.5), ...runs];
    expect(planJobAlerts([{ name: 'trends', schedule: '* * * * *', runs: longer }], NOW, HOUR)[0]!.idempotencyKey).toBe('job_failing:trends:r2');
  });

  it('does not alert for one failure, and a cancelled run neither breaks nor extends a streak', () => {
    expect(planJobAlerts([{ name: 'trends', schedule: '* * * * *', runs: [run('r2', 'failed', 1), run('r1', 'completed', 2)] }], NOW, HOUR)).toEqual([]);
    const withCancel = [run('r3', 'failed', 1), run('rc', 'cancelled', 1.5), run('r2', 'failed', 2)];
    expect(planJobAlerts([{ name: 'trends', schedule: '* * * * *', runs: withCancel }], NOW, HOUR).map((i) => i.failures)).toEqual([2]);
  });

  it('alerts an overdue job once per missed slot and never a job that never ran', () => {
    // Every hour at :30; last run 3 h ago, so the next was due 2 h 40 min ago: past a 1 h grace.
    const late = planJobAlerts([{ name: 'trends', schedule: '30 * * * *', runs: [run('r1', 'completed', 3)] }], NOW, HOUR);
    expect(late.map((i) => i.kind)).toEqual(['job_overdue']);
    expect(late[0]!.idempotencyKey).toBe(`job_overdue:trends:${late[0]!.expectedAt}`);
    expect(planJobAlerts([{ name: 'trends', schedule: '30 * * * *', runs: [run('r1', 'completed', 1)] }], NOW, HOUR)).toEqual([]);
    expect(planJobAlerts([{ name: 'trends', schedule: '30 * * * *', runs: [] }], NOW, HOUR)).toEqual([]);
  });
});
