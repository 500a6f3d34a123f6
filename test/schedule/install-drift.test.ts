import { describe, expect, it } from 'vitest';
import { installState } from '../../src/schedule/install-drift.js';
import { jobsInCronBlock, parseInstall, type Installed } from '../../src/schedule/installed.js';
import { renderCrontab } from '../../src/schedule/render-cron.js';
import { applyScheduleRows } from '../../src/schedule/scheduled-jobs.js';

const invocation = { nodePath: '/usr/bin/node', cliPath: '/opt/issuetrack/cli.js', envFile: '/home/a/env' };
const jobs = (rows: Array<{ job: string; cron?: string | null; enabled?: number }> = []) =>
  applyScheduleRows(rows.map((r) => ({ job: r.job, cron: r.cron ?? null, enabled: r.enabled ?? 1, updated_at: '' })));
const install = (overrides: Partial<Installed> = {}): Installed => ({
  kind: 'cron',
  installedAt: '2026-11-30T10:00:00.000Z',
  enabled: true,
  jobs: [
    { name: 'pipeline', schedule: '0 */6 * * *' },
    { name: 'trends', schedule: '30 * * * *' },
  ],
  secretsFile: '/home/a/env',
  ...overrides,
});

describe('installState', () => {
  it('fires the installed expression and says an install is pending when the database schedule changed since', () => {
    const [pipeline] = jobs([{ job: 'pipeline', cron: '0 2 * * *' }]);
    expect(installState(pipeline!, [install()])).toEqual({
      installed_in: 'cron',
      installed_trigger: '0 */6 * * *',
      pending_install: true,
      apply_with: 'issuetrack schedule --cron --install --secrets-file /home/a/env',
      firing: '0 */6 * * *',
    });
  });

  it('is not pending when the database and the install agree', () => {
    const [pipeline] = jobs([{ job: 'pipeline', cron: '0 */6 * * *' }]);
    expect(installState(pipeline!, [install()])).toMatchObject({ installed_trigger: '0 */6 * * *', pending_install: false, apply_with: null, firing: '0 */6 * * *' });
  });

  it('says a job disabled in the database but still installed fires until reinstalled, and one enabled since never fires yet', () => {
    const [, trends] = jobs([{ job: 'trends', enabled: 0 }]);
    expect(installState(trends!, [install()])).toMatchObject({ installed_trigger: '30 * * * *', pending_install: true, firing: '30 * * * *' });
    const [, enabled] = jobs();
    const without = install({ jobs: [{ name: 'pipeline', schedule: '0 2 * * *' }] });
    expect(installState(enabled!, [without])).toMatchObject({ installed_in: null, installed_trigger: null, pending_install: true, firing: null });
  });

  it('judges by the database alone when nothing fires: no install, or systemd timers that could not be enabled', () => {
    const [pipeline] = jobs([{ job: 'pipeline', cron: '0 2 * * *' }]);
    const expected = { installed_in: null, installed_trigger: null, pending_install: false, apply_with: null, firing: '0 2 * * *' };
    expect(installState(pipeline!, [])).toEqual(expected);
    expect(installState(pipeline!, [install({ kind: 'systemd', enabled: false })])).toEqual(expected);
  });

  it('counts a record that did not keep its jobs as pending, firing the database schedule', () => {
    const [pipeline] = jobs();
    expect(installState(pipeline!, [install({ kind: 'systemd', jobs: null, secretsFile: null })])).toEqual({
      installed_in: null,
      installed_trigger: null,
      pending_install: true,
      apply_with: 'issuetrack schedule --systemd --install',
      firing: '0 2 * * *',
    });
  });
});

describe('install records', () => {
  it('reads the jobs back from a crontab block render-cron.ts wrote, leaving out a disabled one', () => {
    const block = renderCrontab(jobs([{ job: 'pipeline', cron: '0 9 * * 1' }, { job: 'trends', enabled: 0 }]), invocation, 'UTC');
    expect(jobsInCronBlock(block)).toEqual([{ name: 'pipeline', schedule: '0 9 * * 1' }]);
    expect(jobsInCronBlock('')).toBeNull();
  });

  it('reads an older systemd record (no jobs, no enabled flag) as enabled with unknown jobs', () => {
    const row = { kind: 'systemd' as const, installed_at: '2026-11-30T10:00:00.000Z', items: JSON.stringify({ dir: '/d', files: [], timers: [] }) };
    expect(parseInstall(row)).toEqual({ kind: 'systemd', installedAt: '2026-11-30T10:00:00.000Z', enabled: true, jobs: null, secretsFile: null });
  });
});

describe('an install record edited by hand', () => {
  it('reads as unknown jobs rather than failing status', () => {
    const row = (items: unknown) => ({ kind: 'cron' as const, installed_at: '2026-11-30T10:00:00.000Z', items: JSON.stringify(items) });
    expect(parseInstall(row({ block: '', jobs: [{ name: 'pipeline', schedule: '0 25 * * *' }] })).jobs).toBeNull();
    expect(parseInstall(row({ block: '', jobs: 'pipeline' })).jobs).toBeNull();
    expect(parseInstall({ ...row({}), items: '{not json' })).toMatchObject({ enabled: true, jobs: null });
  });
});
