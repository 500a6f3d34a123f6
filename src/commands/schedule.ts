import { resolve } from 'node:path';
import type { GlobalOptions } from '../build-deps.js';
import type { Deps } from '../deps.js';
import { UsageError } from '../errors.js';
import type { Terminal } from '../output/terminal.js';
import { currentInvocation } from '../schedule/current-invocation.js';
import { installSchedule, renderSchedule, uninstallSchedule } from '../schedule/install-jobs.js';
import { scheduleTimeZone } from '../schedule/local-time.js';
import { readScheduledJobs } from '../schedule/scheduled-jobs.js';
import { assertPrivateSecretsFile, assertSecretsNameDatabase } from '../schedule/secrets-file.js';

export interface ScheduleOptions extends GlobalOptions {
  cron?: boolean;
  systemd?: boolean;
  install?: boolean;
  uninstall?: boolean;
  secretsFile?: string;
}

/**
 * `issuetrack schedule`: print, install or uninstall the crontab lines or systemd units for the
 * jobs as scheduled in the database (`schedule set|enable|disable`). Printing gets a read-only
 * store (schedule-commands.ts): it writes nothing, so only --install/--uninstall record anything.
 */
export async function scheduleCommand(opts: ScheduleOptions, deps: Deps, term: Terminal): Promise<void> {
  if (opts.cron && opts.systemd) throw new UsageError('choose one of --cron and --systemd');
  if (opts.install && opts.uninstall) throw new UsageError('choose one of --install and --uninstall');
  const kind = opts.systemd ? 'systemd' : 'cron';
  if (opts.uninstall) return void term.stderr.write((await uninstallSchedule(kind, deps.store)).join('\n') + '\n');
  const secretsFile = opts.secretsFile ? resolve(opts.secretsFile) : undefined;
  if (secretsFile) assertPrivateSecretsFile(secretsFile);
  if (opts.install || secretsFile) assertSecretsNameDatabase(secretsFile, deps.config.database);
  const target = {
    store: deps.store,
    config: deps.config,
    invocation: currentInvocation(deps.config, secretsFile),
    jobs: await readScheduledJobs(deps.store),
    timeZone: scheduleTimeZone(),
    nowIso: new Date(deps.clock.now()).toISOString(),
  };
  if (!opts.install) return void term.stdout.write(renderSchedule(kind, target));
  term.stderr.write((await installSchedule(kind, target)).join('\n') + '\n');
}
