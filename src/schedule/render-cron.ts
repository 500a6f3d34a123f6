import type { JobDefinition } from './jobs.js';
import { jobCommand, shellWord, type Invocation } from './invocation.js';

export const CRON_BEGIN = '# BEGIN issuetrack (managed by `issuetrack schedule --cron --install`)';
export const CRON_END = '# END issuetrack';

/**
 * The crontab block for the jobs. Pure. Runs are silent on success, so cron mails only errors;
 * `%` is escaped because cron turns a bare one into a newline; secrets are read from the env
 * file rather than written into the crontab.
 */
export function renderCrontab(jobs: readonly (JobDefinition & { enabled?: boolean })[], invocation: Invocation, timeZone?: string): string {
  const zone = timeZone ? ` (${timeZone})` : '';
  const lines = [CRON_BEGIN, `# Times are this machine's local time${zone}. A run that finds another one working exits 75.`];
  if (!invocation.envFile) {
    lines.push('# No --secrets-file: the jobs see only cron\'s bare environment, so put the credentials in a');
    lines.push('# 0600 file of KEY=value lines and run `issuetrack schedule --cron --secrets-file FILE` again.');
  }
  for (const job of jobs) {
    // ISSUETRACK_TRIGGER tells the run log who started the run (cli, cron, systemd, serve).
    let command = `ISSUETRACK_TRIGGER=cron ${jobCommand(invocation, job.command).map(shellWord).join(' ')}`;
    if (invocation.envFile) command = `set -a && . ${shellWord(invocation.envFile)} && set +a && ${command}`;
    lines.push(`# ${job.name}: ${job.description}${job.enabled === false ? ' (disabled: `issuetrack schedule enable ' + job.name + '`)' : ''}`);
    if (job.enabled !== false) lines.push(`${job.schedule} ${command.replace(/%/g, '\\%')}`);
  }
  lines.push(CRON_END);
  return lines.join('\n') + '\n';
}

/**
 * Puts `block` into an existing crontab: replaces an earlier issuetrack block, or appends.
 * Every other line is kept as it was. Pure.
 */
export function mergeCrontab(existing: string, block: string): string {
  const lines = existing.split('\n');
  const begin = lines.findIndex((l) => l === CRON_BEGIN);
  const end = lines.findIndex((l, i) => i > begin && l === CRON_END);
  if (begin >= 0 && end > begin) {
    return [...lines.slice(0, begin), block.trimEnd(), ...lines.slice(end + 1)].join('\n');
  }
  const base = existing.length === 0 || existing.endsWith('\n') ? existing : existing + '\n';
  return base + block;
}

/** The crontab without the issuetrack block (and nothing else changed); `existing` itself when there is none. Pure. */
export function removeCrontabBlock(existing: string): string {
  const lines = existing.split('\n');
  const begin = lines.findIndex((l) => l === CRON_BEGIN);
  const end = lines.findIndex((l, i) => i > begin && l === CRON_END);
  if (begin < 0 || end < begin) return existing;
  return [...lines.slice(0, begin), ...lines.slice(end + 1)].join('\n');
}
