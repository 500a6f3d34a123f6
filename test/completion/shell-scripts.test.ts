import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { bashScript } from '../../src/completion/bash-script.js';
import { describeProgram } from '../../src/completion/command-tree.js';
import { lookupTables } from '../../src/completion/lookup-tables.js';
import { JOBS } from '../../src/schedule/jobs.js';
import { cliEnv, runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const has = (shell: string) => spawnSync(shell, ['-c', 'exit 0']).status === 0;

async function scriptFor(shell: string): Promise<string> {
  const result = await runCli(['completion', shell], { env: cliEnv(tempDir()) });
  expect(result).toMatchObject({ exitCode: 0, stderr: '' });
  return result.stdout;
}

/** Sources `script` in a real bash, completes each line (cursor at its end) and returns COMPREPLY for each. */
function bashComplete(script: string, lines: string[]): string[][] {
  const file = join(tempDir(), 'issuetrack.bash');
  writeFileSync(file, script);
  const calls = lines.map((line) => {
    const words = line.split(' ');
    return `COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _issuetrack; printf '%s\\n' "\${COMPREPLY[*]}"`;
  });
  const out = execFileSync('bash', ['--norc', '--noprofile', '-c', `source '${file}'\n${calls.join('\n')}`], { encoding: 'utf8', cwd: tempDir() });
  return out.split('\n').slice(0, lines.length).map((l) => (l ? l.split(' ') : []));
}

/** The command names `issuetrack --help` lists: commander's own rendering, not the completion walker. */
async function helpCommands(): Promise<string[]> {
  const help = (await runCli(['--help'], { env: cliEnv(tempDir()) })).stdout;
  return help
    .split('\nCommands:\n')[1]!
    .split('\n\n')[0]!
    .split('\n')
    .map((l) => /^ {2}(\S+)/.exec(l)?.[1])
    .filter((n): n is string => Boolean(n));
}

describe('issuetrack completion bash, sourced in bash', () => {
  it('offers every command that --help lists, and nothing else, after the program name', async () => {
    const [root] = bashComplete(await scriptFor('bash'), ['issuetrack ']);
    expect([...root!].sort()).toEqual((await helpCommands()).sort());
  });

  it('completes command names, nested commands, options, option choices and argument choices', async () => {
    const replies = bashComplete(await scriptFor('bash'), [
      'issuetrack sy',
      'issuetrack issues sh',
      'issuetrack sync --back',
      'issuetrack report --format ',
      'issuetrack export --format c',
      'issuetrack completion ',
      'issuetrack --db ./x.db iss',
      'issuetrack sync --backfill-days ',
      'issuetrack status --js',
    ]);
    expect(replies).toEqual([['sync'], ['show'], ['--backfill-days'], ['md', 'html'], ['csv'], ['bash', 'zsh', 'fish'], ['issues'], [], ['--json']]);
  });

  it('completes file names for --db', async () => {
    const script = await scriptFor('bash');
    const dir = tempDir();
    writeFileSync(join(dir, 'tickets.db'), '');
    const [reply] = bashComplete(script, [`issuetrack status --db ${dir}/tick`]);
    expect(reply).toEqual([`${dir}/tickets.db`]);
  });

  it('completes job names wherever a command takes a <job>', () => {
    // The real program has no <job> argument yet; the renderer sees any program the same way.
    const program = new Command('issuetrack');
    program.command('schedule').command('set <job> <when>');
    const script = bashScript(lookupTables(describeProgram(program, { jobs: JOBS.map((j) => j.name) })), 'test');
    expect(bashComplete(script, ['issuetrack schedule set ', 'issuetrack schedule set tr'])).toEqual([['pipeline', 'trends'], ['trends']]);
  });
});

describe('issuetrack completion fish and zsh', () => {
  it.skipIf(!has('fish'))('completes commands, options and choices in a real fish (complete -C)', async () => {
    const file = join(tempDir(), 'issuetrack.fish');
    writeFileSync(file, await scriptFor('fish'));
    const lines = ['issuetrack sy', 'issuetrack issues sh', 'issuetrack report --format ', 'issuetrack sync --back'];
    const out = execFileSync('fish', ['--no-config', '-c', `source '${file}'; for l in $argv; complete -C "$l" | string replace -r '\\t.*' '' | string join ' '; end; true`, ...lines], { encoding: 'utf8' });
    expect(out.trim().split('\n')).toEqual(['sync', 'show', 'html md', '--backfill-days']);
  });

  it.skipIf(!has('zsh'))('loads in zsh after compinit and registers itself for issuetrack', async () => {
    const file = join(tempDir(), '_issuetrack');
    writeFileSync(file, await scriptFor('zsh'));
    expect(spawnSync('zsh', ['-n', file]).status).toBe(0);
    const out = execFileSync('zsh', ['-f', '-c', `autoload -Uz compinit && compinit -u -d '${tempDir()}/zcompdump'; source '${file}'; print -r -- $_comps[issuetrack]`], { encoding: 'utf8' });
    expect(out.trim()).toBe('_issuetrack');
  });

  it('exits 64 with one line for a shell it does not know', async () => {
    const result = await runCli(['completion', 'tcsh'], { env: cliEnv(tempDir()) });
    expect(result.exitCode).toBe(64);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^issuetrack: .*tcsh.*bash, zsh, fish/);
  });
});
