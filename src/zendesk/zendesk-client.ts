import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import { ConfigError, IssuetrackError } from '../errors.js';
import type { Secret } from '../secret.js';
import { createAuth, type AuthKind, type TokenGrant } from './auth.js';
import { COMMENTS_MAX_PAGES, pagingGuard } from './paging-guard.js';
import { RateLimiter } from './rate-limiter.js';
import type { CommentsPage, ExportPage, TicketEventsPage, ZendeskComment, ZendeskUser } from './zendesk-types.js';
import { ZendeskHttp, type HttpOptions, type HttpStats } from './zendesk-http.js';

/** A ticket's whole conversation, or `not-found` when Zendesk no longer has the ticket (deleted). */
export type TicketConversation = { comments: ZendeskComment[]; users: ZendeskUser[] } | 'not-found';

/** Where a cursor export page starts: the stored cursor, or a start time (unix seconds). */
export type ExportStart = { cursor: string } | { startTime: number };

/** The Zendesk calls issuetrack makes. Every method honours `signal` and throws only our errors. */
export interface ZendeskClient {
  readonly host: string;
  readonly authKind: AuthKind;
  readonly stats: HttpStats;
  readonly limiter: RateLimiter;
  /** One page of the cursor-based incremental ticket export, per_page=1000. */
  exportTickets(start: ExportStart, signal: AbortSignal): Promise<ExportPage>;
  /** Every comment of a ticket, following cursor pages, with their authors side-loaded. */
  ticketConversation(ticketId: number, signal: AbortSignal): Promise<TicketConversation>;
  /** GET /api/v2/users/me: who the credentials belong to. */
  me(signal: AbortSignal): Promise<ZendeskUser>;
  /**
   * One page of the incremental ticket events export with the comment_events side-load, from
   * `startTime` (unix seconds, inclusive), per_page=1000.
   */
  ticketEvents(startTime: number, signal: AbortSignal): Promise<TicketEventsPage>;
  /** The users with these ids (at most USERS_PER_REQUEST), through users/show_many. */
  usersByIds(ids: readonly number[], signal: AbortSignal): Promise<ZendeskUser[]>;
}

/** users/show_many takes at most 100 ids (developer.zendesk.com, Users, Show Many Users). */
export const USERS_PER_REQUEST = 100;

export type ClientTuning = Pick<HttpOptions, 'timeoutMs' | 'maxAttempts' | 'baseDelayMs' | 'maxDelayMs' | 'max429s'>;

export const DEFAULT_TUNING: ClientTuning = { timeoutMs: 30_000, maxAttempts: 6, baseDelayMs: 500, maxDelayMs: 30_000, max429s: 20 };

const EXPORT_BUCKET = 'incremental-exports';
const API_BUCKET = 'api';

/**
 * Builds the client from configuration. Throws ConfigError when the host or credentials are
 * missing. `tuning` overrides timeouts and retry limits (tests make them short).
 */
export function createZendeskClient(
  config: Pick<Config, 'zendesk'>,
  clock: Clock,
  tuning: Partial<ClientTuning> = {},
  random: () => number = Math.random,
): ZendeskClient {
  const baseUrl = config.zendesk.baseUrl;
  if (!baseUrl) throw new ConfigError('no Zendesk host: set ZENDESK_SUBDOMAIN (like "acme") or ZENDESK_URL');
  const limiter = new RateLimiter(clock);
  let http: ZendeskHttp | undefined;
  const requestToken = async (clientId: string, clientSecret: Secret, signal: AbortSignal): Promise<TokenGrant> => {
    const { body } = await http!.request(
      {
        method: 'POST',
        url: '/oauth/tokens',
        bucket: API_BUCKET,
        authenticate: false,
        body: { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret.reveal(), scope: 'read' },
      },
      signal,
    );
    const grant = body as { access_token?: unknown; expires_in?: unknown };
    if (typeof grant.access_token !== 'string') throw unexpected(http!.host, 'POST /oauth/tokens', 'no access_token');
    return { accessToken: grant.access_token, expiresInSec: typeof grant.expires_in === 'number' ? grant.expires_in : undefined };
  };
  const auth = createAuth(config.zendesk, clock, requestToken);
  http = new ZendeskHttp({ ...DEFAULT_TUNING, ...tuning, baseUrl, auth, limiter, clock, random });
  const h = http;

  return {
    host: h.host,
    authKind: auth.kind,
    stats: h.stats,
    limiter,
    async exportTickets(start, signal) {
      const query = 'cursor' in start ? `cursor=${encodeURIComponent(start.cursor)}` : `start_time=${start.startTime}`;
      // support_type_scope=all: the default `agent` silently leaves out AI-agent tickets.
      const url = `/api/v2/incremental/tickets/cursor.json?${query}&per_page=1000&support_type_scope=all`;
      const { body } = await h.request({ url, bucket: EXPORT_BUCKET }, signal);
      const page = body as Partial<ExportPage>;
      if (!Array.isArray(page.tickets) || typeof page.end_of_stream !== 'boolean') {
        throw unexpected(h.host, 'the ticket export', 'no tickets array or end_of_stream flag');
      }
      return { tickets: page.tickets, after_cursor: page.after_cursor ?? null, after_url: page.after_url ?? null, end_of_stream: page.end_of_stream };
    },
    async ticketConversation(ticketId, signal) {
      const comments: ZendeskComment[] = [];
      const users = new Map<number, ZendeskUser>();
      let url: string | undefined = `/api/v2/tickets/${ticketId}/comments.json?page[size]=100&include=users`;
      const guard = pagingGuard(`the comments of ticket ${ticketId} from ${h.host}`, { maxPages: COMMENTS_MAX_PAGES, start: url });
      while (url) {
        const response = await h.request({ url, bucket: API_BUCKET, allowNotFound: true }, signal);
        if (response.status === 404) return 'not-found';
        const page = response.body as CommentsPage;
        if (!Array.isArray(page.comments)) throw unexpected(h.host, `comments of ticket ${ticketId}`, 'no comments array');
        comments.push(...page.comments);
        for (const user of page.users ?? []) if (user.id != null) users.set(user.id, user);
        url = nextCommentsPage(ticketId, page);
        if (url) guard.advance(url);
      }
      return { comments, users: [...users.values()] };
    },
    async ticketEvents(startTime, signal) {
      // Counted with the ticket export in the incremental-exports budget (10 a minute).
      const url = `/api/v2/incremental/ticket_events.json?start_time=${startTime}&include=comment_events&per_page=1000`;
      const { body } = await h.request({ url, bucket: EXPORT_BUCKET }, signal);
      const page = body as Partial<TicketEventsPage>;
      if (!Array.isArray(page.ticket_events) || typeof page.end_of_stream !== 'boolean' || typeof page.end_time !== 'number') {
        throw unexpected(h.host, 'the ticket events export', 'no ticket_events array, end_time or end_of_stream flag');
      }
      return { ticket_events: page.ticket_events, end_time: page.end_time, end_of_stream: page.end_of_stream };
    },
    async usersByIds(ids, signal) {
      if (ids.length === 0) return [];
      if (ids.length > USERS_PER_REQUEST) throw new RangeError(`at most ${USERS_PER_REQUEST} users per request`);
      const { body } = await h.request({ url: `/api/v2/users/show_many.json?ids=${ids.join(',')}`, bucket: API_BUCKET }, signal);
      const users = (body as { users?: unknown }).users;
      if (!Array.isArray(users)) throw unexpected(h.host, 'users/show_many', 'no users array');
      return users as ZendeskUser[];
    },
    async me(signal) {
      const { body } = await h.request({ url: '/api/v2/users/me.json', bucket: API_BUCKET }, signal);
      const user = (body as { user?: ZendeskUser }).user;
      if (!user || typeof user !== 'object') throw unexpected(h.host, 'users/me', 'no user');
      return user;
    },
  };
}

/**
 * The next page of a ticket's comments: by cursor (meta.after_cursor, else links.next) while
 * has_more says so, or by offset (next_page) from a server that answered with offset paging
 * (it ignores page[size]); following only has_more there would drop every later comment.
 */
function nextCommentsPage(ticketId: number, page: CommentsPage): string | undefined {
  if (page.meta) {
    if (!page.meta.has_more) return undefined;
    if (page.meta.after_cursor) return `/api/v2/tickets/${ticketId}/comments.json?page[size]=100&page[after]=${encodeURIComponent(page.meta.after_cursor)}&include=users`;
    return page.links?.next ?? undefined;
  }
  return page.next_page ?? undefined;
}

/** Client tuning from ISSUETRACK_ZENDESK_* settings; unset or invalid values keep the defaults. */
export function tuningFromSettings(setting: (name: string) => string | undefined): Partial<ClientTuning> {
  const read = (name: string) => positiveSetting(setting, name);
  const tuning: Partial<ClientTuning> = {};
  const set = <K extends keyof ClientTuning>(key: K, value: number | undefined) => {
    if (value !== undefined) tuning[key] = value;
  };
  set('timeoutMs', read('ISSUETRACK_ZENDESK_TIMEOUT_MS'));
  set('maxAttempts', read('ISSUETRACK_ZENDESK_MAX_ATTEMPTS'));
  set('baseDelayMs', read('ISSUETRACK_ZENDESK_RETRY_BASE_MS'));
  set('maxDelayMs', read('ISSUETRACK_ZENDESK_RETRY_MAX_MS'));
  return tuning;
}

function unexpected(host: string, what: string, detail: string): IssuetrackError {
  return new IssuetrackError(`unexpected answer from ${host} for ${what}: ${detail}`);
}

/** A positive number setting, or undefined when unset or not a positive number. */
export function positiveSetting(setting: (name: string) => string | undefined, name: string): number | undefined {
  const text = setting(name);
  const n = Number(text);
  return text !== undefined && Number.isFinite(n) && n > 0 ? n : undefined;
}
