import { Argument, Command, Option } from 'commander';
import { describe, expect, it } from 'vitest';
import { oneOf } from '../../src/cli-options.js';
import { describeProgram, flattenTree } from '../../src/completion/command-tree.js';
import { lookupTables } from '../../src/completion/lookup-tables.js';

const JOBS = { jobs: ['pipeline', 'trends'] };

/** A program shaped like issuetrack's, with the value kinds the walker recognises. */
function program(): Command {
  const root = new Command('issuetrack').option('--db <path>', 'database').option('-v, --verbose', 'chatty');
  root.command('report').addOption(new Option('--format <f>', 'md or html').argParser(oneOf(['md', 'html'] as const))).option('--out <file>', 'to a file');
  const schedule = root.command('schedule').description('the jobs');
  schedule.command('set <job> <when>').description('change a job').option('--job-note <text>', 'free text');
  schedule.command('run').addOption(new Option('--job <name>', 'which job')).addArgument(new Argument('<jobs...>'));
  root.command('completion').addArgument(new Argument('<shell>').choices(['bash', 'zsh', 'fish']));
  root.command('secret', { hidden: true });
  root.addOption(new Option('--internal', 'not for people').hideHelp());
  return root;
}

describe('describeProgram', () => {
  it('lists every visible command at its path and leaves hidden ones out', () => {
    const paths = flattenTree(describeProgram(program(), JOBS)).map((n) => n.path.join(' '));
    expect(paths).toEqual(['', 'report', 'schedule', 'schedule set', 'schedule run', 'schedule help', 'completion', 'help']);
  });

  it('gives every subcommand the program options too, since commander reads them after it', () => {
    const report = describeProgram(program(), JOBS).commands.find((c) => c.path[0] === 'report')!;
    expect(report.options.flatMap((o) => o.flags)).toEqual(['--format', '--out', '-h', '--help', '--db', '-v', '--verbose']);
    expect(report.options.flatMap((o) => o.flags)).not.toContain('--internal');
  });

  it('offers oneOf and .choices() lists, file names for <path>/<file>, and job names for <job> and --job', () => {
    const t = lookupTables(describeProgram(program(), JOBS));
    const value = (key: string) => t.values.find((v) => v.key === key)?.value;
    expect(value('report|--format')).toBe('words md html');
    expect(value('report|--out')).toBe('file');
    expect(value('|--db')).toBe('file');
    expect(value('completion|#0')).toBe('words bash zsh fish');
    expect(value('schedule set|#0')).toBe('words pipeline trends');
    expect(value('schedule set|#1')).toBe('none');
    expect(value('schedule set|--job-note')).toBe('none');
    expect(value('schedule run|--job')).toBe('words pipeline trends');
    expect(value('schedule run|#+')).toBe('words pipeline trends');
    expect(value('|--verbose')).toBeUndefined(); // a switch takes no value
  });
});
