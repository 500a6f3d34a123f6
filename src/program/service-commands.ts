import { Argument, Option, type Command } from 'commander';
import { integerIn } from '../cli-options.js';
import type { ProcessContext } from '../process-context.js';
import { jsonOption, withContext, withDeps } from './actions.js';

/** serve, doctor, demo and completion: the commands around the tasks. */
export function registerServiceCommands(program: Command, ctx: ProcessContext): void {
  program
    .command('serve')
    .description('REST API over the same tasks and state (loopback only unless ISSUETRACK_API_TOKEN is set)')
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .addOption(new Option('--port <n>', 'port (8000, as the FastAPI service it replaces)').argParser(integerIn(0, 65535)).default(8000))
    .addHelpText(
      'after',
      `
The source service's routes answer as it documented them: GET /health, GET
/api/tasks/worker/status and /api/tasks/scheduler/status, POST /api/tasks/sync|analyze|pipeline
(200 with the run id; 400 {"detail": "Task already running", ...} while a run holds the lease).
GET /metrics answers in the Prometheus text format (runs, durations, tickets, issues, Claude cost,
worker, rising themes). Docs and a console at /docs (OpenAPI from the route schemas, no internet
needed). Another address than loopback needs ISSUETRACK_API_TOKEN, which every route but /health,
/api/health and /docs then wants as "Authorization: Bearer <token>". SIGINT/SIGTERM cancel the
runs it started and stop it.

Examples:
  $ issuetrack serve
  $ ISSUETRACK_API_TOKEN=... issuetrack serve --host 0.0.0.0
  $ curl -X POST localhost:8000/api/tasks/sync -H 'content-type: application/json' -d '{"backfill_days": 7}'
  $ watch -n 5 curl -s localhost:8000/api/tasks/worker/status
  $ curl -s localhost:8000/metrics | grep issuetrack_runs_total`,
    )
    .action(withDeps(ctx, async () => (await import('../commands/serve.js')).serveCommand));

  program
    .command('doctor')
    .description('check configuration, database and credentials')
    .addOption(jsonOption())
    .addHelpText('after', '\nExamples:\n  $ issuetrack doctor')
    .action(withContext(ctx, async () => (await import('../commands/doctor.js')).doctorCommand));

  program
    .command('demo')
    .description('run the whole flow against local stand-ins of Zendesk and Claude, with sample data')
    .addOption(jsonOption())
    .addHelpText(
      'after',
      `
Syncs a made-up inbox of about 400 tickets from a Zendesk stand-in, analyses it with a Claude
stand-in (both on 127.0.0.1, started and stopped by the demo), groups the issues into themes and
shows them. No network, no credentials: your configuration and database are not used. The
database goes to a new temp folder unless --db names one, a file or a postgres:// URL (a database
holding other tickets is refused).

Examples:
  $ issuetrack demo
  $ issuetrack demo --db demo.db && issuetrack issues --rising --db demo.db
  $ issuetrack demo --db postgresql://me@db.internal/issuetrack_demo
  $ issuetrack demo --json | jq '.themes[] | [.title, .count, .rising]'`,
    )
    .action(withContext(ctx, async () => (await import('../commands/demo.js')).demoCommand));

  program
    .command('completion')
    .description('print a completion script for bash, zsh or fish (every command, option and job name)')
    .addArgument(new Argument('<shell>', 'bash, zsh or fish').choices(['bash', 'zsh', 'fish']))
    .addHelpText(
      'after',
      `
The script is made from this issuetrack's own commands when it runs, so after an upgrade the
eval lines below pick up new commands by themselves (a saved fish file needs writing again).

Examples:
  $ echo 'eval "$(issuetrack completion bash)"' >> ~/.bashrc
  $ echo 'source <(issuetrack completion zsh)' >> ~/.zshrc          after compinit
  $ issuetrack completion fish > ~/.config/fish/completions/issuetrack.fish`,
    )
    .action(async (shell: 'bash' | 'zsh' | 'fish') => {
      await (await import('../commands/completion.js')).completionCommand(shell, program, ctx.term);
    });
}
