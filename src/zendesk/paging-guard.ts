import { UnavailableError } from '../errors.js';

/**
 * Page caps far above any real account, so only a broken or hostile server reaches them: the
 * export serves 1000 tickets a page (100,000 pages = 100 million ticket versions in one run),
 * a ticket's comments 100 a page (10,000 pages = a million comments on one ticket).
 */
export const EXPORT_MAX_PAGES = 100_000;
export const COMMENTS_MAX_PAGES = 10_000;

/** Stops a paging loop that would never end. See pagingGuard. */
export interface PagingGuard {
  /**
   * Call once per page read, with where the next request would start (a cursor, or a next-page
   * URL). Throws UnavailableError (exit 69) when that position was already visited (the cursor
   * did not advance, or went back) or when the page cap is reached. Returns the pages read so far.
   */
  advance(next: string): number;
  /** Whether `advance(next)` would pass now; counts nothing (for reading the next page ahead). */
  wouldAdvance(next: string): boolean;
}

/**
 * A guard for one paging loop over `what` (e.g. "the ticket export from acme.zendesk.com"),
 * starting at `start` when the loop resumes from a stored cursor. Every position seen is
 * remembered, so a cycle of any length ends at its first repeat, not at the cap. The loop's
 * caller keeps whatever it stored before the throw; the message names no cursor (they are long
 * and opaque) and no secret.
 */
export function pagingGuard(what: string, opts: { maxPages: number; start?: string }): PagingGuard {
  const seen = new Set<string>();
  if (opts.start !== undefined) seen.add(opts.start);
  let pages = 0;
  return {
    advance(next) {
      pages++;
      if (seen.has(next)) {
        throw new UnavailableError(`${what} sent a cursor that does not advance (page ${pages} points back to a page already read); stopped, keeping what was stored`);
      }
      if (pages >= opts.maxPages) {
        throw new UnavailableError(`${what} is still paging after ${pages} pages, far more than any real account has; stopped, keeping what was stored`);
      }
      seen.add(next);
      return pages;
    },
    wouldAdvance(next) {
      return !seen.has(next) && pages + 1 < opts.maxPages;
    },
  };
}
