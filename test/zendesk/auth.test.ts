import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { Secret } from '../../src/secret.js';
import { createAuth, type TokenGrant } from '../../src/zendesk/auth.js';
import { manualClock } from '../helpers/store.js';

const none = { email: undefined, apiToken: undefined, oauthToken: undefined, clientId: undefined, clientSecret: undefined };
const signal = new AbortController().signal;

function clientCredentials(grants: TokenGrant[]) {
  const clock = manualClock();
  let calls = 0;
  const auth = createAuth({ ...none, clientId: 'id', clientSecret: new Secret('s') }, clock, async () => grants[calls++]!);
  return { auth, clock, calls: () => calls };
}

describe('Zendesk auth', () => {
  it('sends email/token:TOKEN as Basic for an API token', async () => {
    const auth = createAuth({ ...none, email: 'a@b.test', apiToken: new Secret('t0k') }, manualClock(), async () => ({ accessToken: '', expiresInSec: 1 }));
    expect(auth.kind).toBe('api-token');
    expect(await auth.authorization(signal)).toBe(`Basic ${Buffer.from('a@b.test/token:t0k').toString('base64')}`);
    expect(auth.invalidate('x')).toBe(false);
  });

  it('prefers an OAuth bearer token over an API token', async () => {
    const auth = createAuth({ ...none, email: 'a@b.test', apiToken: new Secret('t'), oauthToken: new Secret('bear') }, manualClock(), async () => ({ accessToken: '', expiresInSec: 1 }));
    expect(await auth.authorization(signal)).toBe('Bearer bear');
  });

  it('refreshes a client_credentials token shortly before it expires', async () => {
    const { auth, clock, calls } = clientCredentials([{ accessToken: 'one', expiresInSec: 300 }, { accessToken: 'two', expiresInSec: 300 }]);
    expect(await auth.authorization(signal)).toBe('Bearer one');
    clock.advance(269_000);
    expect(await auth.authorization(signal)).toBe('Bearer one');
    clock.advance(2_000); // inside the last tenth of the lifetime
    expect(await auth.authorization(signal)).toBe('Bearer two');
    expect(calls()).toBe(2);
  });

  it('fetches one token for concurrent first requests', async () => {
    const { auth, calls } = clientCredentials([{ accessToken: 'one', expiresInSec: 300 }]);
    const headers = await Promise.all([auth.authorization(signal), auth.authorization(signal), auth.authorization(signal)]);
    expect(headers).toEqual(['Bearer one', 'Bearer one', 'Bearer one']);
    expect(calls()).toBe(1);
  });

  it('gets a new token after a 401 invalidates the current one', async () => {
    const { auth } = clientCredentials([{ accessToken: 'one', expiresInSec: 3600 }, { accessToken: 'two', expiresInSec: 3600 }]);
    const first = await auth.authorization(signal);
    expect(auth.invalidate(first)).toBe(true);
    expect(await auth.authorization(signal)).toBe('Bearer two');
  });

  it('names the missing variables when credentials are incomplete', () => {
    const noop = async () => ({ accessToken: '', expiresInSec: 1 });
    expect(() => createAuth(none, manualClock(), noop)).toThrow(ConfigError);
    expect(() => createAuth({ ...none, clientId: 'id' }, manualClock(), noop)).toThrow(/ZENDESK_CLIENT_SECRET/);
    expect(() => createAuth({ ...none, email: 'a@b.test' }, manualClock(), noop)).toThrow(/ZENDESK_API_TOKEN/);
  });
});
