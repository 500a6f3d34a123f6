import { InterruptedError, IssuetrackError, UsageError, exitCodeOf, oneLineMessage } from './errors.js';
import { parseFastStatusArgs } from './fast-status-args.js';
import { processTerminal, type Terminal } from './output/terminal.js';

/**
 * The issuetrack entry point. It owns the process: signals, the one catch that maps errors to
 * exit codes, and the one call to process.exit. The commander program (program.ts) loads lazily:
 * the plainest `status` calls, which cron, monitors and prompts run all day, skip it (~8 ms).
 */

// Stack traces are only shown with --debug; map them to src/ then (chunks load after this line).
if (process.argv.includes('--debug')) process.setSourceMapsEnabled(true);

const controller = new AbortController();
const term = trackStdout(processTerminal());
let signalled = 0;

for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    signalled++;
    // A second Ctrl-C forces the exit (clig.dev); the first lets the run record itself.
    if (signalled > 1) process.exit(sig === 'SIGINT' ? 130 : 143);
    controller.abort(new InterruptedError(sig));
  });
}

async function main(argv: string[]): Promise<number> {
  const ctx = { term, signal: controller.signal };
  try {
    const fast = parseFastStatusArgs(argv.slice(2));
    if (fast) {
      const [{ buildDeps }, { statusCommand }] = await Promise.all([import('./build-deps.js'), import('./commands/status.js')]);
      const { deps, close } = await buildDeps(fast, term, controller.signal, { kysely: false });
      try {
        await statusCommand(fast, deps, term);
      } finally {
        await close();
      }
    } else {
      const { buildProgram } = await import('./program.js');
      await buildProgram(ctx).parseAsync(argv);
    }
    return 0;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('commander.')) {
      // CommanderError, matched by code so that this file does not load commander.
      if (code === 'commander.helpDisplayed' || code === 'commander.version' || code === 'commander.help') return 0;
      error = new UsageError(`${(error as Error).message.replace(/^error: /, '')} (see --help)`);
    }
    report(error, argv.includes('--debug'), argv.includes('--json'));
    return exitCodeOf(error);
  }
}

function report(error: unknown, debug: boolean, json: boolean): void {
  const message = oneLineMessage(error);
  if (json && !term.stdoutWritten) {
    term.stdout.write(JSON.stringify({ error: { message, exit_code: exitCodeOf(error) } }) + '\n');
  }
  term.stderr.write(`issuetrack: ${message}\n`);
  if (debug && error instanceof Error) {
    term.stderr.write(`${error.stack ?? ''}\n`);
    if (error.cause instanceof Error) term.stderr.write(`caused by: ${error.cause.stack ?? error.cause.message}\n`);
  } else if (!(error instanceof IssuetrackError)) {
    term.stderr.write('issuetrack: this is a bug; run again with --debug for the stack trace\n');
  }
}

/** Remembers whether anything reached stdout, so an error under --json still yields one object. */
function trackStdout(base: Terminal): Terminal & { stdoutWritten: boolean } {
  const tracked = {
    ...base,
    stdoutWritten: false,
    stdout: {
      write: (text: string) => {
        tracked.stdoutWritten = true;
        return base.stdout.write(text);
      },
    },
  };
  return tracked;
}

const code = await main(process.argv);
// Let stdout drain before leaving (a pipe may be slower than we are).
process.stdout.write('', () => process.exit(code));
