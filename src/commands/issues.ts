import type { Deps } from '../deps.js';
import { UsageError } from '../errors.js';
import { commandWord, processInvocation } from '../output/command-word.js';
import { timeFormatter } from '../output/relative-time.js';
import type { Terminal } from '../output/terminal.js';
import { renderThemesTable } from '../report/issues-view.js';
import { windowLabel } from '../report/theme-format.js';
import { renderThemeDetail } from '../report/theme-view.js';
import { themeDetail, zendeskTicketUrl } from '../themes/theme-detail.js';
import { listThemes } from '../themes/theme-queries.js';

export interface IssuesOptions {
  rising?: boolean;
  since: number; // window in ms (cli-options duration)
  category?: string;
  limit: number;
  json?: boolean;
}

/** `issuetrack issues`: themes ranked by tickets in the window. Read-only; no lease. */
export async function issuesCommand(opts: IssuesOptions, deps: Deps, term: Terminal): Promise<void> {
  const themes = await listThemes(deps.db, {
    nowMs: deps.clock.now(),
    windowMs: opts.since,
    category: opts.category,
    risingOnly: opts.rising,
    limit: opts.limit,
  });
  term.stdout.write(opts.json ? JSON.stringify(themes) + '\n' : renderThemesTable(term, themes, commandWord(processInvocation(term.env))));
}

export interface IssuesShowOptions {
  since?: number;
  json?: boolean;
}

/**
 * `issuetrack issues show ID`: one theme whole. A merged id shows the theme it was merged into.
 * An id that is not a theme is a usage error (exit 64), one line.
 */
export async function issuesShowCommand(opts: IssuesShowOptions, deps: Deps, term: Terminal, args: string[]): Promise<void> {
  const raw = args[0] ?? '';
  const id = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(id)) throw new UsageError(`theme id must be a whole number, got "${raw}"`);
  const windowMs = opts.since ?? 7 * 86_400_000;
  const nowMs = deps.clock.now();
  const detail = await themeDetail(deps.db, id, { nowMs, windowMs, ticketUrl: zendeskTicketUrl(deps.config.zendesk.baseUrl) });
  if (!detail) throw new UsageError(`no theme with id ${id} (see issuetrack issues)`);
  term.stdout.write(opts.json ? JSON.stringify(detail) + '\n' : renderThemeDetail(detail, windowLabel(windowMs), timeFormatter(term, nowMs)));
}
