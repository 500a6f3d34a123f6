import type { JobDefinition } from './jobs.js';
import { jobCommand, type Invocation } from './invocation.js';

export interface UnitFile {
  name: string;
  content: string;
}

/**
 * A oneshot service and a timer per job, for `systemctl --user` (or the system manager). Pure.
 * Exit 75 (another run is working) counts as success; the hardening follows research/cli.md
 * (no MemoryDenyWriteExecute: V8's JIT needs writable executable memory).
 */
export function renderSystemdUnits(jobs: readonly (JobDefinition & { enabled?: boolean })[], invocation: Invocation, dataDir: string): UnitFile[] {
  const units: UnitFile[] = [];
  for (const job of jobs) {
    if (job.enabled === false) continue;
    const execStart = jobCommand(invocation, job.command).map(systemdWord).join(' ');
    const service = [
      '[Unit]',
      `Description=issuetrack ${job.name}: ${job.description}`,
      'After=network-online.target',
      'Wants=network-online.target',
      '',
      '[Service]',
      'Type=oneshot',
      `ExecStart=${execStart}`,
      ...(invocation.envFile ? [`EnvironmentFile=${invocation.envFile}`] : []),
      'Environment=ISSUETRACK_TRIGGER=systemd', // for the run log
      'SuccessExitStatus=75',
      `TimeoutStartSec=${job.name === 'pipeline' ? '4h' : '30min'}`,
      'NoNewPrivileges=yes',
      'ProtectSystem=strict',
      'ProtectHome=read-only',
      `ReadWritePaths=${dataDir}`,
      'PrivateTmp=yes',
      '',
    ].join('\n');
    const timer = [
      '[Unit]',
      `Description=Run issuetrack ${job.name} (${job.schedule})`,
      '',
      '[Timer]',
      `OnCalendar=${cronToOnCalendar(job.schedule)}`,
      'Persistent=true',
      'RandomizedDelaySec=2min',
      '',
      '[Install]',
      'WantedBy=timers.target',
      '',
    ].join('\n');
    units.push({ name: `issuetrack-${job.name}.service`, content: service });
    units.push({ name: `issuetrack-${job.name}.timer`, content: timer });
  }
  return units;
}

const DOW = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/**
 * Translates a five-field cron expression into systemd's OnCalendar= syntax: lists stay lists,
 * `a-b` becomes `a..b`, `*\/n` becomes `0/n` (`1/n` for day and month). Throws on what it cannot
 * translate faithfully (both day fields restricted: cron ORs them, systemd ANDs them).
 */
export function cronToOnCalendar(expression: string): string {
  const [minute, hour, dom, month, dow] = expression.trim().split(/\s+/);
  if (dow === undefined) throw new Error(`cron expression needs 5 fields: "${expression}"`);
  if (dom !== '*' && dow !== '*') throw new Error(`cannot express "${expression}" in systemd: it ORs the two day fields`);
  const field = (text: string, first: number) =>
    text
      .split(',')
      .map((item) => {
        if (item === '*') return '*';
        const step = /^\*\/(\d+)$/.exec(item);
        if (step) return `${first}/${step[1]}`;
        const range = /^(\d+)-(\d+)$/.exec(item);
        if (range) return `${range[1]}..${range[2]}`;
        if (/^\d+$/.test(item)) return item.padStart(2, '0');
        throw new Error(`cannot express "${item}" of "${expression}" in systemd`);
      })
      .join(',');
  const days =
    dow === '*'
      ? ''
      : dow
          .split(',')
          .map((item) => {
            const range = /^(\d)-(\d)$/.exec(item);
            if (range) return `${DOW[Number(range[1])]}..${DOW[Number(range[2])]}`;
            if (/^\d$/.test(item)) return DOW[Number(item)];
            throw new Error(`cannot express day of week "${item}" in systemd`);
          })
          .join(',') + ' ';
  return `${days}*-${field(month!, 1)}-${field(dom!, 1)} ${field(hour!, 0)}:${field(minute!, 0)}:00`;
}

/** systemd splits ExecStart= on spaces and understands double quotes. */
function systemdWord(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word.replace(/%/g, '%%') : `"${word.replace(/(["\\])/g, '\\$1').replace(/%/g, '%%')}"`;
}
