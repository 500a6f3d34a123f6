import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import { ConfigError } from '../../errors.js';
import type { PostgresTarget } from './postgres-url.js';

/**
 * The key exchange groups a TLS 1.3 handshake offers: OpenSSL 3's default list (Node's 'auto'),
 * with P-256 moved first. OpenSSL sends a key share for the first group only, and PostgreSQL up
 * to 17 accepts P-256 alone (ssl_ecdh_curve defaults to prime256v1): with X25519 first, every
 * handshake took a HelloRetryRequest, one more round trip and key pair (~1 ms of `status`,
 * measured). PostgreSQL 18 (ssl_groups 'X25519:prime256v1') takes a P-256 share as it is; a
 * server limited to another group of the list still gets it after a retry, as before. Which
 * groups are offered is unchanged, and so is everything that is verified.
 */
export const KEY_EXCHANGE_GROUPS = 'P-256:X25519:X448:P-521:P-384:ffdhe2048:ffdhe3072:ffdhe4096:ffdhe6144:ffdhe8192';

/**
 * pg's `ssl` option for the URL's sslmode, as libpq defines the modes
 * (https://www.postgresql.org/docs/current/libpq-ssl.html#LIBPQ-SSL-SSLMODE-STATEMENTS):
 * disable: plain; prefer: encrypted without verification, plain if the server has no TLS (the
 * fallback is open-postgres.ts's); require: encrypted, nothing verified; verify-ca: the chain
 * up to sslrootcert (Node's own CA list without it), any host name; verify-full: the chain and
 * the host name. As libpq, prefer and require verify the chain as verify-ca does when a root CA
 * file is given: a URL copied from psql's setup must not lose its check. Throws ConfigError (78)
 * when sslrootcert cannot be read or holds nothing.
 */
export function tlsOptions(target: PostgresTarget): false | ConnectionOptions {
  if (target.sslMode === 'disable') return false;
  const checksChain = target.sslMode === 'verify-ca' || target.sslMode === 'verify-full' || target.sslRootCert !== undefined;
  // Nothing is verified, so no CA is needed: an empty `ca` list keeps Node from building its
  // store of ~140 bundled root certificates for the connection, which costs ~25 ms of CPU per
  // process with OpenSSL 3 (measured on `status`; node's _tls_common.js loads them whenever `ca`
  // is not given). The verify modes below keep Node's roots or the sslrootcert file.
  if (!checksChain) return { rejectUnauthorized: false, ca: [], ecdhCurve: KEY_EXCHANGE_GROUPS };
  const ca = target.sslRootCert === undefined ? undefined : readCa(target.sslRootCert);
  const verified: ConnectionOptions = { rejectUnauthorized: true, ecdhCurve: KEY_EXCHANGE_GROUPS, ...(ca ? { ca } : {}) };
  // Only verify-full checks the host name; the others check the chain only.
  return target.sslMode === 'verify-full' ? verified : { ...verified, checkServerIdentity: () => undefined };
}

function readCa(path: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`database URL: sslrootcert ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); give the CA certificate (PEM) of the server`);
  }
  // An empty `ca` would quietly mean Node's own bundled roots instead of the file's.
  if (!text.trim()) throw new ConfigError(`database URL: sslrootcert ${path} is empty; give the CA certificate (PEM) of the server`);
  return text;
}
