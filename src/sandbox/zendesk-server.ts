import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { seededRandom } from './seeded-random.js';
import { SHOW_MANY_USERS_PATH, showManyUsersAnswer, TICKET_EVENTS_PATH, ticketEventsAnswer } from './zendesk-events-route.js';
import { STUCK_COMMENTS_CURSOR, stuckExportPage, type HostileZendesk } from './zendesk-hostile.js';
import { ZendeskModel, type FakeComment, type FakeUser } from './zendesk-model.js';

/**
 * A fake Zendesk on 127.0.0.1 (random port) that speaks the real wire format of the endpoints
 * issuetrack uses (research/zendesk.md): the cursor ticket export (after_cursor, after_url,
 * end_of_stream, empty pages before the end, duplicates across pages, the 422 for a start_time
 * under a minute old, the last minute left out), the time-based ticket events export with the
 * comment_events side-load (zendesk-events-route.ts), users/show_many, ticket comments with cursor and offset paging
 * and include=users, users/me, POST /oauth/tokens with expiring tokens, Basic and Bearer auth,
 * the rate-limit headers, and faults injected at a rate from a seeded RNG.
 */

export type FaultKind = '429-json' | '429-text' | '429-edge' | '500' | '503' | 'reset' | 'hang' | 'malformed';
export const ALL_FAULTS: readonly FaultKind[] = ['429-json', '429-text', '429-edge', '500', '503', 'reset', 'hang', 'malformed'];

export interface FakeZendeskOptions {
  model?: ZendeskModel;
  auth?: {
    email?: string;
    apiToken?: string;
    oauthTokens?: string[];
    clientId?: string;
    clientSecret?: string;
    /** Lifetime of tokens from POST /oauth/tokens, seconds (real Zendesk: 300..172800). */
    tokenLifetimeS?: number;
  };
  faults?: { rate: number; kinds?: readonly FaultKind[]; seed?: number };
  /** Retry-After sent with 429 and 503 faults; fractions keep tests fast. */
  retryAfter?: string;
  /** Probability that an export page comes back empty with end_of_stream false. */
  emptyPageRate?: number;
  /** Repeat the previous page's last ticket at the top of the next page. */
  duplicates?: boolean;
  /**
   * Comment paging: 'auto' answers page[size] with cursor paging and page/per_page with offset
   * paging, as Zendesk does; 'offset' ignores page[size] (servers that only page by offset).
   */
  commentsPaging?: 'auto' | 'offset';
  /** Page size when the request names none (Zendesk: 100); small values force many pages. */
  commentsPageSize?: number;
  /** Export pages carry their cursor only inside after_url (after_cursor null). */
  exportCursorOnlyInUrl?: boolean;
  /** Origin written into paging links (next_page, links.next, after_url), as a proxy might. */
  linkOrigin?: string;
  /** Broken or hostile answers (zendesk-hostile.ts). */
  hostile?: HostileZendesk;
  /** Budget per window; with `enforceLimits`, a spent budget answers 429. */
  limits?: { windowMs?: number; api?: number; exports?: number; enforce?: boolean };
  /** 'older': only the older names `rate-limit`, `rate-limit-remaining`, `rate-limit-reset`. */
  rateLimitHeaders?: 'current' | 'older';
}

export interface FakeZendesk {
  readonly url: string;
  readonly model: ZendeskModel;
  readonly stats: { requests: number; faults: number; served429: number; tokensIssued: number; byRoute: Record<string, number> };
  /** Changes fault injection from now on (rate 0 turns it off). */
  setFaults(faults: FakeZendeskOptions['faults']): void;
  /** Makes every OAuth token issued so far invalid (as if expired or revoked). */
  expireTokens(): void;
  close(): Promise<void>;
}

export const TEST_CREDENTIALS = { email: 'admin@example.test', apiToken: 'test-api-token', clientId: 'issuetrack-test', clientSecret: 'test-client-secret' };

const NOT_FOUND = { error: 'RecordNotFound', description: 'Not found' };

/** Starts the fake. Close it when done (test helpers do it in onTestFinished). */
export async function startFakeZendesk(options: FakeZendeskOptions = {}): Promise<FakeZendesk> {
  const model = options.model ?? new ZendeskModel();
  const auth = { ...TEST_CREDENTIALS, oauthTokens: [] as string[], tokenLifetimeS: 7200, ...options.auth };
  let faults = options.faults;
  let random = seededRandom(faults?.seed ?? 42);
  const shapeRandom = seededRandom(7);
  const tokens = new Map<string, number>(); // access token -> expiry (ms)
  let tokenSeq = 0;
  const sockets = new Set<Socket>();
  const stats: FakeZendesk['stats'] = { requests: 0, faults: 0, served429: 0, tokensIssued: 0, byRoute: {} };
  const limits = { windowMs: 60_000, api: 1_000_000, exports: 1_000_000, enforce: false, ...options.limits };
  const windows = { api: { start: Date.now(), used: 0 }, exports: { start: Date.now(), used: 0 } };
  const retryAfter = options.retryAfter ?? '1';
  let base = '';

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, { error: 'InternalServerError', description: String(error) });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    stats.requests++;
    const url = new URL(req.url ?? '/', base);
    const path = url.pathname;
    const route =
      path === TICKET_EVENTS_PATH ? 'ticket_events'
      : path.startsWith('/api/v2/incremental/') ? 'export'
      : /^\/api\/v2\/tickets\/\d+\/comments/.test(path) ? 'comments'
      : path;
    stats.byRoute[route] = (stats.byRoute[route] ?? 0) + 1;
    const body = req.method === 'POST' ? await readBody(req) : '';

    if (faults && faults.rate > 0 && random() < faults.rate) {
      const kinds = faults.kinds ?? ALL_FAULTS;
      stats.faults++;
      if (inject(kinds[Math.floor(random() * kinds.length)]!, res, route === 'export' || route === 'ticket_events')) return;
    }
    if (req.method === 'POST' && path === '/oauth/tokens') return issueToken(res, body);

    // Both incremental exports draw on one budget (10 a minute; research/zendesk.md §4).
    const bucket = route === 'export' || route === 'ticket_events' ? 'exports' : 'api';
    const window = windows[bucket];
    const now = Date.now();
    if (now - window.start >= limits.windowMs) {
      window.start = now - ((now - window.start) % limits.windowMs);
      window.used = 0;
    }
    window.used++;
    const limit = limits[bucket];
    const resetS = Math.max(1, Math.ceil((window.start + limits.windowMs - now) / 1000));
    const remaining = Math.max(0, limit - window.used);
    if (options.rateLimitHeaders === 'older') {
      res.setHeader('rate-limit', String(limit));
      res.setHeader('rate-limit-remaining', String(remaining));
      res.setHeader('rate-limit-reset', String(resetS));
    } else {
      res.setHeader('ratelimit-limit', String(limit));
      res.setHeader('ratelimit-remaining', String(remaining));
      res.setHeader('ratelimit-reset', String(resetS));
      res.setHeader('x-rate-limit', String(limits.api));
      res.setHeader('x-rate-limit-remaining', String(bucket === 'api' ? remaining : Math.max(0, limits.api - windows.api.used)));
      if (bucket === 'exports') res.setHeader('zendesk-ratelimit-incremental-exports', `total=${limit}; remaining=${remaining}; resets=${resetS}`);
    }
    if (limits.enforce && window.used > limit) {
      stats.served429++;
      res.setHeader('retry-after', String(resetS));
      if (bucket === 'exports') return send(res, 429, { error: 'APIRateLimitExceeded', description: 'Number of allowed incremental export API requests per minute exceeded' });
      return sendText(res, 429, 'Number of allowed API requests per minute exceeded');
    }

    const who = authenticate(req.headers.authorization);
    if (who === 'expired') {
      return send(res, 401, { error: 'invalid_token', error_description: 'The access token provided is expired, revoked, malformed or invalid for other reasons.' });
    }
    if (!who) return send(res, 401, { error: "Couldn't authenticate you" });

    const hostile = options.hostile ?? {};
    if (hostile.errorAnswer) return send(res, hostile.errorAnswer.status, { error: hostile.errorAnswer.error, description: hostile.errorAnswer.description });
    if (req.method !== 'GET') return send(res, 404, NOT_FOUND);
    if (path === '/api/v2/incremental/tickets/cursor.json') return exportPage(url, res);
    if (path === TICKET_EVENTS_PATH) {
      if (options.hostile?.stuckTicketEvents) {
        return send(res, 200, { ticket_events: [], end_time: Number(url.searchParams.get('start_time')), end_of_stream: false, next_page: `${base}${url.pathname}${url.search}`, count: 0 });
      }
      const answer = ticketEventsAnswer(model, url, base, Math.floor(Date.now() / 1000));
      return send(res, answer.status, answer.body);
    }
    if (path === SHOW_MANY_USERS_PATH) {
      const answer = showManyUsersAnswer(model, url);
      return send(res, answer.status, answer.body);
    }
    const comments = /^\/api\/v2\/tickets\/(\d+)\/comments\.json$/.exec(path);
    if (comments) return commentsPage(Number(comments[1]), url, res);
    if (path === '/api/v2/users/me.json' || path === '/api/v2/users/me') return send(res, 200, { user: model.users.get(1) });
    return send(res, 404, NOT_FOUND);
  }

  /** Returns true when the fault took over the response. */
  function inject(kind: FaultKind, res: ServerResponse, isExport: boolean): boolean {
    switch (kind) {
      case '429-json':
        stats.served429++;
        res.setHeader('retry-after', retryAfter);
        send(res, 429, isExport
          ? { error: 'APIRateLimitExceeded', description: 'Number of allowed incremental export API requests per minute exceeded' }
          : { error: 'APIRateLimitExceeded', description: 'Number of allowed API requests per minute exceeded' });
        return true;
      case '429-text':
        stats.served429++;
        res.setHeader('retry-after', retryAfter);
        sendText(res, 429, 'Number of allowed API requests per minute exceeded');
        return true;
      case '429-edge':
        stats.served429++;
        res.setHeader('retry-after', retryAfter);
        send(res, 429, { detail: 'Rate limited by Zendesk edge protection', status: '429', title: 'Automated response' });
        return true;
      case '500':
        send(res, 500, { error: 'InternalServerError', description: 'Something went wrong' });
        return true;
      case '503':
        if (shapeRandom() < 0.5) res.setHeader('retry-after', retryAfter);
        sendText(res, 503, '<html><body><h1>503 Service Unavailable</h1></body></html>', 'text/html');
        return true;
      case 'reset':
        res.socket?.destroy();
        return true;
      case 'hang':
        return true; // never answers; close() destroys the socket
      case 'malformed':
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
        res.end('{"tickets":[{"id":1,"subject":"trunc');
        return true;
    }
  }

  function authenticate(header: string | undefined): 'ok' | 'expired' | undefined {
    if (!header) return undefined;
    const [scheme, value = ''] = header.split(' ');
    if (scheme === 'Basic') {
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      return decoded === `${auth.email}/token:${auth.apiToken}` ? 'ok' : undefined;
    }
    if (scheme === 'Bearer') {
      if (auth.oauthTokens.includes(value)) return 'ok';
      const expiry = tokens.get(value);
      if (expiry === undefined) return undefined;
      return expiry > Date.now() ? 'ok' : 'expired';
    }
    return undefined;
  }

  function issueToken(res: ServerResponse, body: string): void {
    let grant: Record<string, unknown> = {};
    try {
      grant = JSON.parse(body) as Record<string, unknown>;
    } catch {
      return send(res, 400, { error: 'invalid_request', error_description: 'The request is missing a required parameter.' });
    }
    if (grant.grant_type !== 'client_credentials') return send(res, 400, { error: 'unsupported_grant_type', error_description: 'The authorization grant type is not supported.' });
    if (grant.client_id !== auth.clientId || grant.client_secret !== auth.clientSecret) {
      return send(res, 401, { error: 'invalid_client', error_description: 'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.' });
    }
    const token = `fake-token-${++tokenSeq}-${Math.floor(random() * 1e9)}`;
    tokens.set(token, Date.now() + auth.tokenLifetimeS * 1000);
    stats.tokensIssued++;
    send(res, 200, { access_token: token, token_type: 'bearer', scope: String(grant.scope ?? 'read'), expires_in: auth.tokenLifetimeS });
  }

  function exportPage(url: URL, res: ServerResponse): void {
    const nowS = Math.floor(Date.now() / 1000);
    const perPage = Math.min(1000, Math.max(1, Number(url.searchParams.get('per_page') ?? 1000)));
    const cursorParam = url.searchParams.get('cursor');
    let pos: Position;
    if (cursorParam) {
      const decoded = decodeCursor(cursorParam);
      if (!decoded) return send(res, 422, { error: 'InvalidValue', description: 'Invalid cursor' });
      pos = decoded;
      if (options.hostile?.stuckExportCursor) return send(res, 200, stuckExportPage(cursorParam, afterUrl(cursorParam, perPage)));
    } else {
      const startTime = Number(url.searchParams.get('start_time'));
      if (!url.searchParams.has('start_time') || !Number.isInteger(startTime) || startTime < 0) {
        return send(res, 400, { error: 'InvalidValue', description: 'start_time or cursor is required' });
      }
      if (startTime > nowS - 60) return send(res, 422, { error: 'InvalidValue', description: 'Too recent start_time. Use a start_time older than 1 minute' });
      pos = { g: startTime, i: 0, e: 0 };
    }
    const order = model.exportOrder();
    // Since 2024-10-28 the export leaves out the last minute.
    const cutoff = nowS - 60;
    let from = lowerBound(order, pos);
    if (options.emptyPageRate && shapeRandom() < options.emptyPageRate) {
      const next = encodeCursor({ ...pos, e: pos.e + 1 });
      return send(res, 200, { tickets: [], after_cursor: next, after_url: afterUrl(next, perPage), before_cursor: cursorParam, before_url: null, end_of_stream: false });
    }
    const page = [];
    if (options.duplicates && cursorParam && from > 0 && order[from - 1]!.generated_timestamp >= pos.g) page.push(order[from - 1]!);
    while (page.length < perPage && from < order.length && order[from]!.generated_timestamp <= cutoff) page.push(order[from++]!);
    const endOfStream = !options.hostile?.stuckExportCursor && (from >= order.length || order[from]!.generated_timestamp > cutoff);
    const last = page[page.length - 1];
    if (!cursorParam && page.length === 0) {
      // A first request that finds nothing comes back without a cursor (research/zendesk.md §1).
      return send(res, 200, { tickets: [], after_cursor: null, after_url: null, before_cursor: null, before_url: null, end_of_stream: true });
    }
    if (!cursorParam && options.hostile?.malformedTickets) page.unshift(...(options.hostile.malformedTickets as typeof page));
    const after = encodeCursor(last ? { g: last.generated_timestamp, i: last.id, e: 0 } : pos);
    const cursor = options.exportCursorOnlyInUrl ? null : after;
    send(res, 200, { tickets: page, after_cursor: cursor, after_url: afterUrl(after, perPage), before_cursor: null, before_url: null, end_of_stream: endOfStream });
  }

  function afterUrl(cursor: string, perPage: number): string {
    return `${base}/api/v2/incremental/tickets/cursor.json?cursor=${encodeURIComponent(cursor)}&per_page=${perPage}`;
  }

  function commentsPage(ticketId: number, url: URL, res: ServerResponse): void {
    const ticket = model.tickets.get(ticketId);
    if (!ticket || ticket.status === 'deleted') return send(res, 404, NOT_FOUND);
    const all = model.comments.get(ticketId) ?? [];
    const q = url.searchParams;
    const withUsers = (q.get('include') ?? '').split(',').includes('users');
    const usersOf = (list: FakeComment[]) => [...new Set(list.map((c) => c.author_id))].map((id) => model.users.get(id)).filter((u): u is FakeUser => !!u);
    const pageSize = options.commentsPageSize ?? 100;
    if (options.commentsPaging !== 'offset' && (q.has('page[size]') || q.has('page[after]'))) {
      const size = Math.min(pageSize, Math.max(1, Number(q.get('page[size]') ?? pageSize)));
      const start = q.has('page[after]') ? Number(Buffer.from(q.get('page[after]')!, 'base64url').toString()) : 0;
      const slice = all.slice(start, start + size);
      const stuck = options.hostile?.stuckCommentsCursor === true;
      const hasMore = stuck || start + size < all.length;
      const afterCursor = stuck ? STUCK_COMMENTS_CURSOR : Buffer.from(String(start + slice.length)).toString('base64url');
      const next = hasMore ? `${base}/api/v2/tickets/${ticketId}/comments.json?page[size]=${size}&page[after]=${afterCursor}${withUsers ? '&include=users' : ''}` : null;
      return send(res, 200, {
        comments: slice,
        ...(withUsers ? { users: usersOf(slice) } : {}),
        meta: { has_more: hasMore, after_cursor: slice.length ? afterCursor : null, before_cursor: null },
        links: { next, prev: null },
      });
    }
    const perPage = Math.min(pageSize, Math.max(1, Number(q.get('per_page') ?? pageSize)));
    const pageNo = Math.max(1, Number(q.get('page') ?? 1));
    const slice = all.slice((pageNo - 1) * perPage, pageNo * perPage);
    const more = pageNo * perPage < all.length;
    send(res, 200, {
      comments: slice,
      ...(withUsers ? { users: usersOf(slice) } : {}),
      next_page: more ? `${base}/api/v2/tickets/${ticketId}/comments.json?page=${pageNo + 1}&per_page=${perPage}${withUsers ? '&include=users' : ''}` : null,
      previous_page: pageNo > 1 ? `${base}/api/v2/tickets/${ticketId}/comments.json?page=${pageNo - 1}&per_page=${perPage}` : null,
      count: all.length,
    });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  base = options.linkOrigin ?? url;
  return {
    url,
    model,
    stats,
    setFaults(next) {
      faults = next;
      random = seededRandom(next?.seed ?? 42);
    },
    expireTokens() {
      for (const token of tokens.keys()) tokens.set(token, 0);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

interface Position {
  g: number; // generated_timestamp of the last ticket served
  i: number; // its id
  e: number; // empty pages served at this position (makes each cursor distinct)
}

function encodeCursor(p: Position): string {
  return Buffer.from(JSON.stringify(p)).toString('base64url');
}

function decodeCursor(text: string): Position | undefined {
  try {
    const p = JSON.parse(Buffer.from(text, 'base64url').toString()) as Position;
    return Number.isFinite(p.g) && Number.isFinite(p.i) ? { g: p.g, i: p.i, e: p.e ?? 0 } : undefined;
  } catch {
    return undefined;
  }
}

/** Index of the first ticket after `pos` in export order (strictly after, unless i is 0). */
function lowerBound(order: ReadonlyArray<{ generated_timestamp: number; id: number }>, pos: Position): number {
  let lo = 0;
  let hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const t = order[mid]!;
    const before = t.generated_timestamp < pos.g || (t.generated_timestamp === pos.g && t.id <= pos.i);
    if (before) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function sendText(res: ServerResponse, status: number, text: string, type = 'text/plain'): void {
  res.writeHead(status, { 'content-type': `${type}; charset=utf-8`, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (d: string) => (body += d));
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}
