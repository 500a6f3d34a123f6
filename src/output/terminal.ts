import { isatty } from 'node:tty';

/** What the process is talking to. Built once in cli.ts; tests build their own. */
export interface Terminal {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  readonly stdoutIsTTY: boolean;
  readonly stderrIsTTY: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Width of stdout in display columns when it is a terminal that says so; tables fit it. */
  readonly columns?: number;
}

/**
 * The real terminal. The streams are touched only on the first write, and TTY-ness comes from
 * isatty(): creating process.stderr costs ~1.5 ms that a silent run never needs.
 */
export function processTerminal(): Terminal {
  return {
    stdout: { write: (text: string) => process.stdout.write(text) },
    stderr: { write: (text: string) => process.stderr.write(text) },
    stdoutIsTTY: isatty(1),
    stderrIsTTY: isatty(2),
    env: process.env,
    // A getter: process.stdout is built only when a table is about to be drawn.
    get columns() {
      return process.stdout.columns;
    },
  };
}

/**
 * Animations only for a person watching: stderr is a TTY and not CI. NO_COLOR asks for no colour,
 * not for no feedback (no-color.org), so it leaves the spinner on: an 18 s pipeline without it
 * is a blank screen.
 */
export function spinnerAllowed(term: Terminal): boolean {
  const env = term.env;
  return term.stderrIsTTY && !('CI' in env) && env.TERM !== 'dumb';
}

/** Colour only on a TTY stdout unless NO_COLOR is set to something (no-color.org: an empty value does not count). */
export function colourAllowed(term: Terminal): boolean {
  return term.stdoutIsTTY && !term.env.NO_COLOR && term.env.TERM !== 'dumb';
}

/** A terminal that remembers whether anything reached stdout (see report-error.ts). */
export function trackStdout(base: Terminal): Terminal & { readonly stdoutWritten: boolean } {
  let written = false;
  return {
    ...base,
    get stdoutWritten() {
      return written;
    },
    stdout: {
      write: (text: string) => {
        written = true;
        return base.stdout.write(text);
      },
    },
  };
}

/** Exits with `code` once stdout has drained (a pipe may be slower than we are). */
export function exitWhenFlushed(code: number): void {
  process.stdout.write('', () => process.exit(code));
}
