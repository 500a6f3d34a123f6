import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { Secret } from '../../src/secret.js';
import { assertBindAllowed, isLoopbackHost, listenUrl } from '../../src/server/bind-policy.js';

describe('bind policy', () => {
  it.each(['127.0.0.1', '127.1.2.3', 'localhost', 'LOCALHOST', '::1', '[::1]', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1'])('counts %s as loopback', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });

  it.each(['0.0.0.0', '::', '192.168.1.20', '10.0.0.1', '::ffff:10.0.0.1', 'fe80::1', 'example.com', 'localhost.example.com'])('counts %s as reachable from the network', (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });

  it('refuses a network address without a token with a ConfigError (exit 78) naming the fix', () => {
    let error: unknown;
    try {
      assertBindAllowed('0.0.0.0', undefined);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).exitCode).toBe(78);
    expect((error as Error).message).toMatch(/^refusing to serve on 0\.0\.0\.0 without ISSUETRACK_API_TOKEN/);
    expect((error as Error).message).not.toContain('\n');
  });

  it('allows a network address with a token, and loopback without one', () => {
    expect(() => assertBindAllowed('::', new Secret('t'))).not.toThrow();
    expect(() => assertBindAllowed('127.0.0.1', undefined)).not.toThrow();
  });

  it('writes IPv6 addresses in brackets in the URL', () => {
    expect(listenUrl('::1', 8787)).toBe('http://[::1]:8787');
    expect(listenUrl('127.0.0.1', 0)).toBe('http://127.0.0.1:0');
  });
});
