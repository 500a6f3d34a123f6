/** What the process is talking to. Built once in cli.ts; tests build their own. */
export interface Terminal {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  readonly stdoutIsTTY: boolean;
  readonly stderrIsTTY: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export function processTerminal(): Terminal {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    env: process.env,
  };
}

/** Animations only for a person watching: stderr is a TTY, not CI, colour not refused. */
export function spinnerAllowed(term: Terminal): boolean {
  const env = term.env;
  return term.stderrIsTTY && !('CI' in env) && env.NO_COLOR === undefined && env.TERM !== 'dumb';
}

/** Colour only on a TTY stdout when NO_COLOR is unset (no-color.org). */
export function colourAllowed(term: Terminal): boolean {
  return term.stdoutIsTTY && term.env.NO_COLOR === undefined && term.env.TERM !== 'dumb';
}
