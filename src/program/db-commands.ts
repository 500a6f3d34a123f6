import type { Command } from 'commander';
import type { ProcessContext } from '../process-context.js';
import { jsonOption, withContext } from './actions.js';

/** `db`: moving a store between databases. */
export function registerDbCommands(program: Command, ctx: ProcessContext): void {
  const db = program.command('db').description('move a store between databases (SQLite to PostgreSQL)');
  db.command('copy')
    .description('copy an SQLite store whole into an empty PostgreSQL database')
    .option('--from <file>', 'the SQLite database to copy (read only, never changed)')
    .option('--to <url>', 'the PostgreSQL database to fill (default: --db, ISSUETRACK_DB or DATABASE_URL)')
    .addOption(jsonOption())
    .addHelpText(
      'after',
      `
Copies every table (tickets, comments, analyses, issues, themes with their ids, runs, usage,
schedules, alerts) in one transaction, so a team moves up without a new sync or paying Claude
again. The target is migrated first and must be empty (exit 78 otherwise, nothing written); the
source must have this issuetrack's schema (exit 78: run a task on it once, e.g. issuetrack trends
--db FILE, or on a copy of it). Row counts are checked before the commit. The password is never
printed: keep it in DATABASE_URL (or the secrets file) rather than on the command line.

Examples:
  $ issuetrack db copy --from ~/.local/share/issuetrack/issuetrack.db --to postgresql://app@db.internal/issuetrack
  $ DATABASE_URL='postgresql://app:secret@db.internal/issuetrack?sslmode=require' issuetrack db copy --from issuetrack.db
  $ issuetrack db copy --from issuetrack.db --to "$DATABASE_URL" --json | jq '.tables[] | [.table, .rows]'`,
    )
    .action(withContext(ctx, async () => (await import('../commands/db-copy.js')).dbCopyCommand));
}
