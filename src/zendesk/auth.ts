import type { Clock } from '../clock.js';
import { ConfigError } from '../errors.js';
import type { Secret } from '../secret.js';

/** Which of Zendesk's three ways to authenticate a client uses (research/zendesk.md §1). */
export type AuthKind = 'api-token' | 'oauth-token' | 'client-credentials';

/** Supplies the Authorization header; a client asks it before every request. */
export interface AuthProvider {
  readonly kind: AuthKind;
  /** The header value to send now. May fetch a fresh OAuth token (and then honours `signal`). */
  authorization(signal: AbortSignal): Promise<string>;
  /**
   * A request sent with `header` got 401. Returns true when retrying with a new credential may
   * help (only client_credentials can get one); the next `authorization()` then fetches it.
   */
  invalidate(header: string): boolean;
}

/** What POST /oauth/tokens grants. */
export interface TokenGrant {
  accessToken: string;
  /** Lifetime in seconds; Zendesk allows 300..172800, or none for a non-expiring token. */
  expiresInSec: number | undefined;
}

export interface ZendeskCredentials {
  email: string | undefined;
  apiToken: Secret | undefined;
  oauthToken: Secret | undefined;
  clientId: string | undefined;
  clientSecret: Secret | undefined;
}

/** Refresh this long before expiry, at most; a tenth of the lifetime for short-lived tokens. */
const REFRESH_MARGIN_MS = 60_000;

/**
 * Picks the credential to use: an OAuth bearer token, then client_credentials, then an API token
 * (API tokens stop working on 2027-04-30, so OAuth wins when both are set). Throws ConfigError
 * naming the variables when none is complete. `requestToken` performs POST /oauth/tokens.
 */
export function createAuth(
  creds: ZendeskCredentials,
  clock: Clock,
  requestToken: (clientId: string, clientSecret: Secret, signal: AbortSignal) => Promise<TokenGrant>,
): AuthProvider {
  if (creds.oauthToken) {
    const token = creds.oauthToken;
    return { kind: 'oauth-token', authorization: async () => `Bearer ${token.reveal()}`, invalidate: () => false };
  }
  if (creds.clientId || creds.clientSecret) {
    if (!creds.clientId || !creds.clientSecret) {
      throw new ConfigError('OAuth client credentials need both ZENDESK_CLIENT_ID and ZENDESK_CLIENT_SECRET');
    }
    const { clientId, clientSecret } = creds;
    return new ClientCredentialsAuth(clock, (signal) => requestToken(clientId, clientSecret, signal));
  }
  if (creds.email || creds.apiToken) {
    if (!creds.email || !creds.apiToken) throw new ConfigError('API token auth needs both ZENDESK_EMAIL and ZENDESK_API_TOKEN');
    const { email, apiToken } = creds;
    return {
      kind: 'api-token',
      authorization: async () => `Basic ${Buffer.from(`${email}/token:${apiToken.reveal()}`).toString('base64')}`,
      invalidate: () => false,
    };
  }
  throw new ConfigError(
    'no Zendesk credentials: set ZENDESK_OAUTH_TOKEN, or ZENDESK_CLIENT_ID and ZENDESK_CLIENT_SECRET, or ZENDESK_EMAIL and ZENDESK_API_TOKEN',
  );
}

/** True when some Zendesk credential is configured at all (for doctor). */
export function hasZendeskCredentials(creds: ZendeskCredentials): boolean {
  return Boolean(creds.oauthToken || creds.clientId || creds.clientSecret || creds.email || creds.apiToken);
}

/**
 * OAuth client_credentials: fetches a token on first use, refreshes it shortly before it
 * expires, and once more when Zendesk answers 401 (a token revoked or expired early). Concurrent
 * requests share one in-flight token request.
 */
class ClientCredentialsAuth implements AuthProvider {
  readonly kind = 'client-credentials' as const;
  readonly #clock: Clock;
  readonly #fetch: (signal: AbortSignal) => Promise<TokenGrant>;
  #header: string | undefined;
  #refreshAt = Infinity;
  #pending: Promise<string> | undefined;

  constructor(clock: Clock, fetchToken: (signal: AbortSignal) => Promise<TokenGrant>) {
    this.#clock = clock;
    this.#fetch = fetchToken;
  }

  async authorization(signal: AbortSignal): Promise<string> {
    if (this.#header && this.#clock.now() < this.#refreshAt) return this.#header;
    this.#pending ??= this.#refresh(signal).finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  invalidate(header: string): boolean {
    // Another request may already have replaced the token; either way a retry may succeed.
    if (header === this.#header) this.#header = undefined;
    return true;
  }

  async #refresh(signal: AbortSignal): Promise<string> {
    const startedAt = this.#clock.now();
    const grant = await this.#fetch(signal);
    const lifetimeMs = grant.expiresInSec === undefined ? Infinity : grant.expiresInSec * 1000;
    const margin = Math.min(REFRESH_MARGIN_MS, lifetimeMs / 10);
    // Count from before the request: the token's clock started while we waited for it.
    this.#refreshAt = startedAt + lifetimeMs - margin;
    this.#header = `Bearer ${grant.accessToken}`;
    return this.#header;
  }
}
