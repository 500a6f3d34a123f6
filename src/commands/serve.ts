import type { Deps } from '../deps.js';
import { openRunLog } from '../build-deps.js';
import { plainReporter, silentReporter } from '../output/reporter.js';
import type { Terminal } from '../output/terminal.js';
import { serveUntilAborted } from '../server/serve-until-aborted.js';

export interface ServeCommandOptions {
  host: string;
  port: number;
  verbose?: boolean;
}

/**
 * `issuetrack serve`: the REST API until SIGINT/SIGTERM, which ends it with exit 130/143.
 * One line on stderr once listening; --verbose adds a plain line per request and the runs'
 * progress. Runs always go to the log file. No spinner: a server's terminal is a log.
 */
export async function serveCommand(opts: ServeCommandOptions, deps: Deps, term: Terminal): Promise<void> {
  const now = () => deps.clock.now();
  // Runs log themselves (worker/run-task.ts) and the app logs its server errors (server/app.ts).
  const log = openRunLog(deps.config, term);
  const reporter = opts.verbose ? plainReporter((line) => term.stderr.write(line), now) : silentReporter;
  await serveUntilAborted(
    { ...deps, reporter, log, trigger: 'serve' },
    {
      host: opts.host,
      port: opts.port,
      token: deps.config.serveToken,
      logRequests: Boolean(opts.verbose),
      onListening: (url) => term.stderr.write(`issuetrack: serving ${url} (docs at /docs)\n`),
    },
  );
}
