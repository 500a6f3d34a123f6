import { writeSync } from 'node:fs';
import { nodeRequire } from '../node-require.js';

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
 * isatty() when first asked: creating process.stderr costs ~1.5 ms that a silent run never
 * needs, and node:tty loads node:net and the streams, ~6 ms that `status --json` never needs.
 */
export function processTerminal(): Terminal {
  return realTerminal(
    { write: (text: string) => process.stdout.write(text) },
    { write: (text: string) => process.stderr.write(text) },
  );
}

/** The process's terminal facts over the given writers, each asked once and only when needed. */
function realTerminal(stdout: Terminal['stdout'], stderr: Terminal['stderr']): Terminal {
  let stdoutIsTTY: boolean | undefined;
  let stderrIsTTY: boolean | undefined;
  return {
    stdout,
    stderr,
    // Getters, asked once each, so that node:tty loads only when something needs to know.
    get stdoutIsTTY() {
      return (stdoutIsTTY ??= isTTY(1));
    },
    get stderrIsTTY() {
      return (stderrIsTTY ??= isTTY(2));
    },
    env: process.env,
    // A getter: process.stdout is built only when a table is about to be drawn.
    get columns() {
      return process.stdout.columns;
    },
  };
}

/**
 * The real terminal for a command that writes little and ends at once (`status`): text goes to
 * the descriptors with writeSync, so neither process.stdout nor node:stream is ever built (~5 ms
 * of a start that bare node does in ~25). Should a write fail (a full non-blocking pipe gives
 * EAGAIN, a closed one EPIPE), that text and everything after it go through the stream as
 * processTerminal's would, in order. `exit` ends the process once whatever went to a stream
 * has drained.
 */
export function directTerminal(): Terminal & { exit(code: number): void } {
  const streams = { 1: false, 2: false };
  const writer = (fd: 1 | 2) => ({
    write: (text: string) => {
      const stream = () => (fd === 1 ? process.stdout : process.stderr);
      if (streams[fd]) return stream().write(text);
      let bytes: Buffer | undefined;
      let done = 0;
      try {
        // The string itself first: a Buffer of our own for it cost status ~0.1 ms. Only a write
        // that took part of it needs the bytes, to go on from where it stopped.
        done = writeSync(fd, text);
        if (done === Buffer.byteLength(text)) return true;
        bytes = Buffer.from(text);
        while (done < bytes.length) done += writeSync(fd, bytes, done);
        return true;
      } catch {
        streams[fd] = true;
        return stream().write((bytes ?? Buffer.from(text)).subarray(done));
      }
    },
  });
  // Object.assign adds `exit` and leaves the terminal's getters as getters.
  return Object.assign(realTerminal(writer(1), writer(2)), {
    exit(code: number) {
      // Wait for each stream a write fell back to (stdout, stderr or both) to drain.
      const used = ([1, 2] as const).filter((fd) => streams[fd]);
      let left = used.length;
      if (left === 0) process.exit(code);
      for (const fd of used) (fd === 1 ? process.stdout : process.stderr).write('', () => --left === 0 && process.exit(code));
    },
  });
}

/** isatty(fd), loading node:tty on the first call only (see processTerminal). */
function isTTY(fd: 1 | 2): boolean {
  return (nodeRequire('node:tty') as typeof import('node:tty')).isatty(fd);
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
  // Getters, not a spread: a spread would read base's lazy fields (isatty, process.stdout) now.
  return {
    get stdoutWritten() {
      return written;
    },
    stdout: {
      write: (text: string) => {
        written = true;
        return base.stdout.write(text);
      },
    },
    stderr: base.stderr,
    get stdoutIsTTY() {
      return base.stdoutIsTTY;
    },
    get stderrIsTTY() {
      return base.stderrIsTTY;
    },
    env: base.env,
    get columns() {
      return base.columns;
    },
  };
}

/** Exits with `code` once stdout has drained (a pipe may be slower than we are). */
export function exitWhenFlushed(code: number): void {
  process.stdout.write('', () => process.exit(code));
}
