import { isIP } from 'node:net';
import { ConfigError } from '../errors.js';
import type { Secret } from '../secret.js';

/**
 * Whether `host` names this machine's loopback interface only: 127.0.0.0/8, ::1 (also as an
 * IPv4-mapped address) or the name localhost. Anything else, including 0.0.0.0 and ::, can be
 * reached from the network. Pure.
 */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (h === 'localhost' || h.endsWith('.localhost')) return true; // RFC 6761: always loopback
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) {
    // The URL parser canonicalises IPv6: 0:0:0:0:0:0:0:1 -> ::1, ::ffff:127.0.0.1 -> ::ffff:7f00:1.
    const canonical = new URL(`http://[${h}]/`).hostname;
    return canonical === '[::1]' || canonical.startsWith('[::ffff:7f');
  }
  return false;
}

/**
 * Refuses (ConfigError, exit 78) to serve on an address other machines can reach without
 * ISSUETRACK_API_TOKEN: the API starts runs that spend money and shows ticket contents. Loopback
 * is allowed without a token, as DESIGN.md says. Throws; returns nothing.
 */
export function assertBindAllowed(host: string, token: Secret | undefined): void {
  if (token || isLoopbackHost(host)) return;
  throw new ConfigError(
    `refusing to serve on ${host} without ISSUETRACK_API_TOKEN: anyone who can reach it could start runs and read tickets (set the token, or bind 127.0.0.1)`,
  );
}

/** The URL people type for a bound address: IPv6 in brackets, a wildcard shown as itself. */
export function listenUrl(host: string, port: number): string {
  const h = host.replace(/^\[(.*)\]$/, '$1');
  return `http://${isIP(h) === 6 ? `[${h}]` : h}:${port}`;
}
