import type { Installed } from './installed.js';
import { shellWord } from './invocation.js';
import type { ScheduledJob } from './scheduled-jobs.js';

/** A job's schedule in the database against what cron or systemd really fires. */
export interface InstallState {
  /** Where the job is installed and fires; null when no enabled install holds it. */
  installed_in: 'cron' | 'systemd' | null;
  /** The expression the scheduler really fires; null when not installed. */
  installed_trigger: string | null;
  /** The database's schedule (expression or enabled flag) differs from what is installed: `apply_with` puts it in place. */
  pending_install: boolean;
  apply_with: string | null;
  /** The expression `next_run` is computed from: the installed one, or the database's when nothing is installed; null: it never fires. */
  firing: string | null;
}

/**
 * Compares a job as the database schedules it with the installs that fire (a systemd install
 * whose timers could not be enabled fires nothing). With no such install the job is judged by
 * the database's schedule alone (what `--install` would put in place) and nothing is pending.
 * An older record that did not keep its jobs counts as pending: reinstalling records them. Pure.
 */
export function installState(job: ScheduledJob, installs: readonly Installed[]): InstallState {
  const firing = installs.filter((i) => i.enabled).sort((a, b) => b.installedAt.localeCompare(a.installedAt));
  if (firing.length === 0) return { installed_in: null, installed_trigger: null, pending_install: false, apply_with: null, firing: job.enabled ? job.schedule : null };
  const holder = firing.find((i) => i.jobs?.some((j) => j.name === job.name));
  const trigger = holder?.jobs!.find((j) => j.name === job.name)!.schedule ?? null;
  const stale = firing.find((install) => {
    if (install.jobs === null) return true;
    const entry = install.jobs.find((j) => j.name === job.name);
    return job.enabled ? entry?.schedule !== job.schedule : entry !== undefined;
  });
  const unknown = firing.some((i) => i.jobs === null);
  return {
    installed_in: holder?.kind ?? null,
    installed_trigger: trigger,
    pending_install: stale !== undefined,
    apply_with: stale ? applyCommand(stale) : null,
    firing: trigger ?? (unknown && job.enabled ? job.schedule : null),
  };
}

/** The command that installs the database's schedules where `install` put its own, with the same secrets file. */
function applyCommand(install: Installed): string {
  return `issuetrack schedule --${install.kind} --install${install.secretsFile ? ` --secrets-file ${shellWord(install.secretsFile)}` : ''}`;
}
