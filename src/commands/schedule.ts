import { dirname, join, resolve } from 'node:path';
import type { GlobalOptions } from '../build-deps.js';
import type { Config } from '../config.js';
import { UsageError } from '../errors.js';
import type { Terminal } from '../output/terminal.js';
import { currentInvocation } from '../schedule/current-invocation.js';
import { enableUserTimers, installCrontab, writeUnitFiles } from '../schedule/install.js';
import { JOBS } from '../schedule/jobs.js';
import { renderCrontab } from '../schedule/render-cron.js';
import { renderSystemdUnits } from '../schedule/render-systemd.js';

export interface ScheduleOptions extends GlobalOptions {
  cron?: boolean;
  systemd?: boolean;
  install?: boolean;
  secretsFile?: string;
}

/** `issuetrack schedule`: print (or install) crontab lines or systemd units for the jobs. */
export async function scheduleCommand(opts: ScheduleOptions, config: Config, term: Terminal): Promise<void> {
  if (opts.cron && opts.systemd) throw new UsageError('choose one of --cron and --systemd');
  const invocation = currentInvocation(config, opts.secretsFile ? resolve(opts.secretsFile) : undefined);
  if (!opts.systemd) {
    const block = renderCrontab(JOBS, invocation);
    if (!opts.install) return void term.stdout.write(block);
    installCrontab(block);
    term.stderr.write(`installed ${JOBS.length} crontab lines for: ${JOBS.map((j) => j.name).join(', ')}\n`);
    return;
  }
  const units = renderSystemdUnits(JOBS, invocation, `${dirname(config.dbPath)} ${config.stateDir}`);
  if (!opts.install) {
    term.stdout.write(units.map((u) => `# ---- ${u.name} ----\n${u.content}`).join('\n'));
    return;
  }
  const dir = join(config.userConfigDir, 'systemd', 'user');
  const paths = writeUnitFiles(dir, units);
  const timers = units.filter((u) => u.name.endsWith('.timer')).map((u) => u.name);
  const problem = enableUserTimers(timers);
  term.stderr.write(`wrote ${paths.length} unit files to ${dir}\n`);
  if (problem) {
    term.stderr.write(`could not enable the timers (${problem}); run:\n  systemctl --user daemon-reload && systemctl --user enable --now ${timers.join(' ')}\n`);
  }
}
