import { tmpdir } from 'node:os';
import type { GlobalOptions } from '../build-deps.js';
import { systemClock } from '../clock.js';
import { commandWord, processInvocation } from '../output/command-word.js';
import type { Terminal } from '../output/terminal.js';
import { renderThemesTable } from '../report/issues-view.js';
import { demoHeader, demoHints, demoJson, demoReporter } from '../sandbox/demo-output.js';
import { runDemo } from '../sandbox/run-demo.js';

export interface DemoOptions extends GlobalOptions {
  json?: boolean;
}

/**
 * `issuetrack demo`: the whole flow on a sample inbox against loopback stand-ins of Zendesk and
 * Claude, into a fresh temp database (or --db, if that holds no foreign tickets), then the theme
 * table as `issues` prints it and how to explore further. Reads no configuration: the demo never
 * touches the user's database or credentials.
 */
export async function demoCommand(opts: DemoOptions, ctx: { term: Terminal; signal: AbortSignal }): Promise<void> {
  const { term, signal } = ctx;
  const reporter = await demoReporter(opts, term, systemClock.now);
  try {
    const result = await runDemo({
      db: opts.db,
      cwd: process.cwd(),
      tmpRoot: tmpdir(),
      reporter,
      signal,
      clock: systemClock,
      pid: process.pid,
      // The header waits until the database is accepted: a refused --db gets one line, no preamble.
      onStart: () => {
        if (!opts.json) term.stderr.write(demoHeader());
      },
    });
    if (opts.json) {
      term.stdout.write(demoJson(result));
      return;
    }
    const command = commandWord(processInvocation(term.env));
    term.stdout.write(renderThemesTable(term, result.themes, command));
    term.stderr.write(demoHints(result, command));
  } finally {
    reporter.stop();
  }
}
