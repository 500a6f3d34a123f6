import { describe, expect, it } from 'vitest';
import { JOBS } from '../../src/schedule/jobs.js';
import { CRON_BEGIN, CRON_END, mergeCrontab, renderCrontab } from '../../src/schedule/render-cron.js';
import { cronToOnCalendar, renderSystemdUnits } from '../../src/schedule/render-systemd.js';

const invocation = { nodePath: '/usr/bin/node', cliPath: '/opt/issuetrack/bin/issuetrack' };

describe('crontab rendering', () => {
  it('writes one line per job with absolute paths', () => {
    const text = renderCrontab(JOBS, invocation);
    expect(text).toContain('\n0 2 * * * ISSUETRACK_TRIGGER=cron /usr/bin/node /opt/issuetrack/bin/issuetrack pipeline\n');
    expect(text).toContain('\n30 * * * * ISSUETRACK_TRIGGER=cron /usr/bin/node /opt/issuetrack/bin/issuetrack trends\n');
    expect(text.startsWith(CRON_BEGIN)).toBe(true);
    expect(text.trimEnd().endsWith(CRON_END)).toBe(true);
  });

  it('quotes odd paths for the shell and escapes % for cron', () => {
    const text = renderCrontab(JOBS, { ...invocation, dbPath: "/data/it's 100%.db", envFile: '/etc/issuetrack/env' });
    expect(text).toContain(`set -a && . /etc/issuetrack/env && set +a && ISSUETRACK_TRIGGER=cron /usr/bin/node /opt/issuetrack/bin/issuetrack pipeline --db '/data/it'\\''s 100\\%.db'`);
  });

  it('asks for an env file when none is given', () => {
    expect(renderCrontab(JOBS, invocation)).toMatch(/No --secrets-file/);
    expect(renderCrontab(JOBS, { ...invocation, envFile: '/e' })).not.toMatch(/No --secrets-file/);
  });

  it('replaces an earlier issuetrack block and keeps every other line', () => {
    const mine = 'MAILTO=me@example.com\n5 4 * * * backup\n';
    const once = mergeCrontab(mine, renderCrontab(JOBS, invocation));
    const twice = mergeCrontab(once, renderCrontab(JOBS, { ...invocation, cliPath: '/new/cli.js' }));
    expect(twice.startsWith(mine)).toBe(true);
    expect(twice.match(new RegExp(CRON_BEGIN.replace(/[()`]/g, '\\$&'), 'g'))).toHaveLength(1);
    expect(twice).toContain('/new/cli.js pipeline');
    expect(twice).not.toContain('/opt/issuetrack/bin/issuetrack');
  });
});

describe('systemd rendering', () => {
  it('translates cron schedules into OnCalendar', () => {
    expect(cronToOnCalendar('0 2 * * *')).toBe('*-*-* 02:00:00');
    expect(cronToOnCalendar('30 * * * *')).toBe('*-*-* *:30:00');
    expect(cronToOnCalendar('*/15 9-17 * * 1-5')).toBe('Mon..Fri *-*-* 9..17:0/15:00');
    expect(cronToOnCalendar('0 0 1,15 * *')).toBe('*-*-01,15 00:00:00');
  });

  it('refuses a schedule systemd would read differently', () => {
    expect(() => cronToOnCalendar('0 0 13 * 5')).toThrow(/ORs the two day fields/);
  });

  it('makes a oneshot service that treats exit 75 as success, and a persistent timer, per job', () => {
    const units = renderSystemdUnits(JOBS, { ...invocation, envFile: '/etc/issuetrack/env' }, '/var/lib/issuetrack');
    expect(units.map((u) => u.name)).toEqual([
      'issuetrack-pipeline.service',
      'issuetrack-pipeline.timer',
      'issuetrack-trends.service',
      'issuetrack-trends.timer',
    ]);
    const service = units[0]!.content;
    expect(service).toContain('ExecStart=/usr/bin/node /opt/issuetrack/bin/issuetrack pipeline\n');
    expect(service).toContain('SuccessExitStatus=75\n');
    expect(service).toContain('EnvironmentFile=/etc/issuetrack/env\n');
    expect(service).not.toContain('MemoryDenyWriteExecute');
    expect(units[1]!.content).toContain('OnCalendar=*-*-* 02:00:00\nPersistent=true\n');
  });
});
