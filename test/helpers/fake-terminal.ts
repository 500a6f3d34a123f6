import type { Terminal } from '../../src/output/terminal.js';

/** A terminal for renderer tests: what was written is in `out`/`err`; TTY-ness, width and env as given. */
export function fakeTerminal(opts: { tty?: boolean; columns?: number; env?: Record<string, string | undefined> } = {}): Terminal & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: { write: (text: string) => out.push(text) },
    stderr: { write: (text: string) => err.push(text) },
    stdoutIsTTY: opts.tty ?? true,
    stderrIsTTY: opts.tty ?? true,
    env: opts.env ?? { NO_COLOR: '1' },
    columns: opts.columns,
  };
}
