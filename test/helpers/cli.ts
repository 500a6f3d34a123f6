import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { onTestFinished } from 'vitest';

/** What users run: bin/issuetrack, which sends plain `status` calls down the fast path. */
export const CLI_PATH = fileURLToPath(new URL('../../bin/issuetrack', import.meta.url));

export interface CliResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  env?: Record<string, string | undefined>;
  cwd?: string;
  input?: string;
  timeoutMs?: number;
}

/**
 * The environment every CLI test starts from: CI set, no colour, and HOME/XDG pointed into
 * `home` so nothing touches the real user's files. Inherits only PATH from the parent.
 */
export function cliEnv(home: string, extra: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    CI: '1',
    NO_COLOR: '1',
    HOME: home,
    XDG_DATA_HOME: `${home}/data`,
    XDG_STATE_HOME: `${home}/state`,
    XDG_CONFIG_HOME: `${home}/config`,
    ...extra,
  };
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
}

/** Starts `node bin/issuetrack ...args` and returns the child (for signal and race tests). */
export function spawnCli(args: string[], opts: CliOptions = {}): ChildProcess {
  return spawn(process.execPath, [CLI_PATH, ...args], {
    cwd: opts.cwd,
    env: opts.env as NodeJS.ProcessEnv,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

/** Collects a spawned CLI's output until it exits. */
export function collect(child: ChildProcess, timeoutMs = 60_000): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`CLI did not exit within ${timeoutMs} ms; stderr so far: ${stderr}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer);
      resolve({ exitCode, signal, stdout, stderr });
    });
  });
}

/**
 * Starts the CLI for a test that signals it (lease holders, crash tests): the child, and its
 * collected result. A child still running when the test finishes is SIGKILLed.
 */
export function startCli(args: string[], opts: CliOptions = {}): { child: ChildProcess; result: Promise<CliResult> } {
  const child = spawnCli(args, opts);
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  return { child, result: collect(child, opts.timeoutMs) };
}

/** Runs the CLI to completion. */
export async function runCli(args: string[], opts: CliOptions = {}): Promise<CliResult> {
  const child = spawnCli(args, opts);
  feedStdin(child, opts.input);
  return collect(child, opts.timeoutMs);
}

/** Runs a command line through /bin/sh as a person would type it (for hints that must work as printed). */
export async function runShell(line: string, opts: CliOptions = {}): Promise<CliResult> {
  const child = spawn('/bin/sh', ['-c', line], { cwd: opts.cwd, env: opts.env as NodeJS.ProcessEnv, stdio: ['pipe', 'pipe', 'pipe'] });
  feedStdin(child, opts.input);
  return collect(child, opts.timeoutMs);
}

/**
 * Writes the input and closes stdin. A command that exits without reading its stdin (most do)
 * closes the pipe first; the EPIPE that our write then gets is expected, not a failure, and left
 * unhandled it fails the whole vitest run (seen under load in secrets-and-urls.test.ts).
 */
function feedStdin(child: ChildProcess, input: string | undefined): void {
  child.stdin!.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') throw error;
  });
  child.stdin!.end(input ?? '');
}
