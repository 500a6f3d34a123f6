/**
 * Ways the fake Zendesk can misbehave on purpose, for the tests of issue 10 ("hostile input"):
 * a server that is broken or hostile rather than merely slow. Each is off unless set.
 */
export interface HostileZendesk {
  /** The export never ends: the first page says end_of_stream false, every later one repeats the cursor it was asked for. */
  stuckExportCursor?: boolean;
  /** The ticket events export answers every page with end_time = start_time and end_of_stream false. */
  stuckTicketEvents?: boolean;
  /** Every comments page answers has_more true with the same after_cursor. */
  stuckCommentsCursor?: boolean;
  /** Raw objects of any shape served at the top of the first export page, before the real tickets. */
  malformedTickets?: readonly unknown[];
  /** Answers every API request with this status and Zendesk error `{error, description}`. */
  errorAnswer?: { status: number; error: string; description: string };
}

/** The page a stuck export serves: nothing new, not the end, and the same cursor again. */
export function stuckExportPage(cursor: string, afterUrl: string): Record<string, unknown> {
  return { tickets: [], after_cursor: cursor, after_url: afterUrl, before_cursor: null, before_url: null, end_of_stream: false };
}

/** The cursor a stuck comments listing repeats on every page. */
export const STUCK_COMMENTS_CURSOR = Buffer.from('0').toString('base64url');
