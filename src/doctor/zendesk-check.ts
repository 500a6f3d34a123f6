import { hasZendeskCredentials } from '../zendesk/auth.js';
import { createZendeskClient, tuningFromSettings } from '../zendesk/zendesk-client.js';
import type { Check } from './check.js';

/** GET /api/v2/users/me with the configured credentials: the host answers and accepts them. */
export const zendeskCheck: Check = {
  name: 'zendesk',
  async run(ctx) {
    const config = ctx.config;
    if (!config) return { status: 'skip', detail: 'no configuration' };
    if (!config.zendesk.baseUrl) return { status: 'fail', detail: 'no Zendesk host: set ZENDESK_SUBDOMAIN or ZENDESK_URL', exitCode: 78 };
    if (!hasZendeskCredentials(config.zendesk)) {
      return { status: 'fail', detail: 'no Zendesk credentials: set ZENDESK_OAUTH_TOKEN, ZENDESK_CLIENT_ID/SECRET, or ZENDESK_EMAIL/API_TOKEN', exitCode: 78 };
    }
    // A diagnosis should answer in seconds, not sit through a sync's patient retries.
    const client = createZendeskClient(config, ctx.clock, { maxAttempts: 2, timeoutMs: 10_000, baseDelayMs: 200, max429s: 1, ...tuningFromSettings(config.setting) });
    const user = await client.me(ctx.signal);
    // Zendesk answers users/me for unauthenticated callers too, as the anonymous user (id null).
    if (user.id == null) return { status: 'fail', detail: `${client.host} answered as the anonymous user: credentials not accepted`, exitCode: 77 };
    return { status: 'pass', detail: `${client.host} as ${user.email ?? user.name ?? user.id} (${user.role ?? 'unknown role'}, ${client.authKind})` };
  },
};
