import { setMaxListeners } from 'node:events';
import { InterruptedError, UsageError } from './errors.js';
import { reportError } from './output/report-error.js';
import { exitWhenFlushed, processTerminal, trackStdout } from './output/terminal.js';

/**
 * The issuetrack entry point (bin/issuetrack sends the plainest `status` calls to
 * status-fast.ts instead). It owns the process: signals, the one catch that maps errors to exit
 * codes, and the exit. The commander program (program/build-program.ts) is a chunk of its own.
 */

// Stack traces are only shown with --debug; map them to src/ then (chunks load after this line).
if (process.argv.includes('--debug')) process.setSourceMapsEnabled(true);

const controller = new AbortController();
setMaxListeners(0, controller.signal); // every task forwards it once; see worker/run-task.ts
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
  try {
    const { buildProgram } = await import('./program/build-program.js');
    await buildProgram({ term, signal: controller.signal }).parseAsync(argv);
    return 0;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('commander.')) {
      // CommanderError, matched by code so that this file does not load commander.
      if (code === 'commander.helpDisplayed' || code === 'commander.version' || code === 'commander.help') return 0;
      error = new UsageError(`${(error as Error).message.replace(/^error: /, '')} (see --help)`);
    }
    return reportError(term, error, { debug: argv.includes('--debug'), json: argv.includes('--json'), stdoutWritten: term.stdoutWritten });
  }
}

exitWhenFlushed(await main(process.argv));
