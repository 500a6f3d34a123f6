import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import { ConfigError } from '../../errors.js';
import type { PostgresTarget } from './postgres-url.js';

/**
 * pg's `ssl` option for the URL's sslmode, as libpq defines the modes
 * (https://www.postgresql.org/docs/current/libpq-ssl.html#LIBPQ-SSL-SSLMODE-STATEMENTS):
 * disable: plain; prefer: encrypted without verification, plain if the server has no TLS (the
 * fallback is open-postgres.ts's); require: encrypted, nothing verified; verify-ca: the chain
 * up to sslrootcert (Node's own CA list without it), any host name; verify-full: the chain and
 * the host name. Throws ConfigError (78) when sslrootcert cannot be read.
 */
export function tlsOptions(target: PostgresTarget): false | ConnectionOptions {
  if (target.sslMode === 'disable') return false;
  // Nothing is verified, so no CA is needed: an empty `ca` list keeps Node from building its
  // store of ~140 bundled root certificates for the connection, which costs ~25 ms of CPU per
  // process with OpenSSL 3 (measured on `status`; node's _tls_common.js loads them whenever `ca`
  // is not given). The verify modes below keep Node's roots or the sslrootcert file.
  if (target.sslMode === 'prefer' || target.sslMode === 'require') return { rejectUnauthorized: false, ca: [] };
  const ca = target.sslRootCert === undefined ? undefined : readCa(target.sslRootCert);
  const verified: ConnectionOptions = { rejectUnauthorized: true, ...(ca ? { ca } : {}) };
  // verify-ca checks the chain only: a certificate for another host name is accepted.
  return target.sslMode === 'verify-ca' ? { ...verified, checkServerIdentity: () => undefined } : verified;
}

function readCa(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`database URL: sslrootcert ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); give the CA certificate (PEM) of the server`);
  }
}
