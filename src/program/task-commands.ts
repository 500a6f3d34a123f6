import { Option, type Command } from 'commander';
import { MAX_COST_RANGE } from '../analysis/budget.js';
import { amountIn, integerIn, modelId } from '../cli-options.js';
import type { ProcessContext } from '../process-context.js';
import { jsonOption, withDeps } from './actions.js';

/** The task commands (sync, analyze, trends, pipeline): each a run under the worker lease. */
export function registerTaskCommands(program: Command, ctx: ProcessContext): void {
  program
    .command('sync')
    .description('fetch new and changed Zendesk tickets and their conversations into the database')
    .addOption(new Option('--backfill-days <n>', 'restart the export from N days ago (1..3650)').argParser(integerIn(1, 3650)))
    .addOption(jsonOption())
    .addHelpText('after', '\nExamples:\n  $ issuetrack sync\n  $ issuetrack sync --backfill-days 90 --verbose\n  $ issuetrack sync --json | jq .result')
    .action(withDeps(ctx, async () => (await import('../commands/sync.js')).syncCommand, { forTask: true }));

  program
    .command('analyze')
    .description('extract product issues from new or changed tickets with Claude')
    .addOption(new Option('--batch-size <n>', 'most tickets to analyse in this run').argParser(integerIn(1, 100_000)).default(500))
    .addOption(new Option('--concurrency <n>', 'requests in flight at once').argParser(integerIn(1, 64)).default(8))
    .addOption(new Option('--max-cost <usd>', 'USD: stop starting calls once the estimate would pass this (0.0001..1000000)').argParser(amountIn(MAX_COST_RANGE.min, MAX_COST_RANGE.max)))
    .option('--batch', 'submit as a Message Batch (half price, results collected by later runs)')
    .option('--no-redact', 'send ticket text without redacting personal data')
    .addOption(new Option('--model <id>', 'Claude model id; env ISSUETRACK_MODEL').argParser(modelId))
    .addOption(jsonOption())
    .addHelpText('after', '\nExamples:\n  $ issuetrack analyze --max-cost 2\n  $ issuetrack analyze --batch --batch-size 20000')
    .action(withDeps(ctx, async () => (await import('../commands/analyze.js')).analyzeCommand, { forTask: true }));

  program
    .command('trends')
    .description('place new issues into themes and flag the themes that are rising (hourly job)')
    .option('--name-with-claude', 'name and describe themes with one Claude call')
    .option('--consolidate-with-claude', 'ask Claude which near-duplicate themes are one problem (one call per 300 candidates) and merge them')
    .option('--no-alerts', 'record alerts this run raises but send none (a backfill, a first run)')
    .addOption(jsonOption())
    .addHelpText(
      'after',
      `
Alerts (see issuetrack alerts --help) are written with the themes' numbers and sent after them;
a channel that is down never fails the run, and --json's result.alerts says what was delivered.

Examples:
  $ issuetrack trends
  $ issuetrack trends --name-with-claude --json
  $ issuetrack trends --consolidate-with-claude --json | jq '.result.consolidated'
  $ issuetrack trends --no-alerts                       after a large backfill: no alert storm`,
    )
    .action(withDeps(ctx, async () => (await import('../commands/trends.js')).trendsCommand, { forTask: true }));

  program
    .command('pipeline')
    .description('sync, then analyze, then trends, under one lease (daily job)')
    .addOption(new Option('--backfill-days <n>', 'restart the export from N days ago (1..3650)').argParser(integerIn(1, 3650)))
    .addOption(new Option('--batch-size <n>', 'most tickets to analyse in this run').argParser(integerIn(1, 100_000)).default(500))
    .addOption(new Option('--concurrency <n>', 'Claude requests in flight at once').argParser(integerIn(1, 64)).default(8))
    .addOption(new Option('--max-cost <usd>', 'USD cost ceiling for the analyze step (0.0001..1000000)').argParser(amountIn(MAX_COST_RANGE.min, MAX_COST_RANGE.max)))
    .option('--batch', 'analyse through Message Batches (half price; later runs collect the results)')
    .option('--no-redact', 'send ticket text without redacting personal data')
    .option('--name-with-claude', 'name and describe themes with one Claude call')
    .option('--no-alerts', 'record alerts this run raises but send none')
    .addOption(new Option('--model <id>', 'Claude model id; env ISSUETRACK_MODEL').argParser(modelId))
    .addOption(jsonOption())
    .addHelpText(
      'after',
      `
A step that fails does not stop the next ones (analysis and themes still move when Zendesk is
down); the run then exits with the first failure's code and --json shows each step's outcome.

Examples:
  $ issuetrack pipeline
  $ issuetrack pipeline --max-cost 5 --json
  $ issuetrack pipeline --batch --batch-size 20000      cron-friendly backfill
  $ issuetrack pipeline --backfill-days 90 --no-alerts  import history without alerting on it`,
    )
    .action(withDeps(ctx, async () => (await import('../commands/pipeline.js')).pipelineCommand, { forTask: true }));
}
