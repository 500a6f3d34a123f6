import { CheckStatusError, asIssuetrackError, exitCodeOf, oneLineMessage } from '../errors.js';
import type { Terminal } from './terminal.js';
import { terminalSafe } from './terminal-text.js';

/**
 * Tells the user why the process is ending: one line on stderr (`issuetrack: message`); the stack
 * only with --debug; under --json, also one `{error: {message, exit_code}}` object on stdout when
 * nothing was printed there yet. Returns the exit code. The one place errors are rendered.
 */
export function reportError(term: Terminal, error: unknown, opts: { debug: boolean; json: boolean; stdoutWritten: boolean }): number {
  const message = oneLineMessage(error);
  const exitCode = exitCodeOf(error);
  if (error instanceof CheckStatusError) return exitCode;
  if (opts.json && !opts.stdoutWritten) term.stdout.write(JSON.stringify({ error: { message, exit_code: exitCode } }) + '\n');
  // A message can quote a remote answer (a Zendesk error body): escape what a terminal would run.
  term.stderr.write(`issuetrack: ${terminalSafe(message)}\n`);
  if (opts.debug && error instanceof Error) {
    term.stderr.write(`${error.stack ?? ''}\n`);
    if (error.cause instanceof Error) term.stderr.write(`caused by: ${error.cause.stack ?? error.cause.message}\n`);
  } else if (!asIssuetrackError(error)) {
    term.stderr.write('issuetrack: this is a bug; run again with --debug for the stack trace\n');
  }
  return exitCode;
}
