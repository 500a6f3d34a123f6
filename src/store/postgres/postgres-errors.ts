import { AuthError, ConfigError, IssuetrackError, UnavailableError } from '../../errors.js';

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'ECONNRESET', 'EAI_AGAIN', 'EPIPE', 'ENOENT']);

/**
 * What failed while connecting to PostgreSQL at `shown` (the URL without password), as one of
 * our errors: unreachable server 69, rejected credentials 77, unknown database or a TLS setting
 * the server does not match 78. pg's messages name the user and database, never the password.
 */
export function connectFailure(error: unknown, shown: string): IssuetrackError {
  const e = error as { code?: string; message?: string };
  const message = (e.message ?? String(error)).split('\n')[0]!;
  const options = { cause: error };
  if (e.code === '28P01' || e.code === '28000') return new AuthError(`PostgreSQL at ${shown} refused the login: ${message}`, options);
  if (e.code === '3D000') return new ConfigError(`PostgreSQL at ${shown}: ${message}; create it (createdb) or fix the URL`, options);
  if (e.code === '42501') return new AuthError(`PostgreSQL at ${shown}: ${message}`, options);
  if (/does not support SSL/i.test(message)) {
    return new ConfigError(`PostgreSQL at ${shown} does not offer TLS, which sslmode asks for: enable ssl on the server or use sslmode=prefer or disable`, options);
  }
  if (isTlsFailure(e)) return new ConfigError(`PostgreSQL at ${shown}: the server's TLS certificate failed verification (${e.code ?? message}); check sslrootcert and the host name`, options);
  if ((e.code && UNREACHABLE.has(e.code)) || /timeout|terminated/i.test(message)) {
    return new UnavailableError(`cannot reach PostgreSQL at ${shown}: ${message}`, options);
  }
  if (e.code && /^[0-9A-Z]{5}$/.test(e.code)) return new ConfigError(`PostgreSQL at ${shown}: ${message} (${e.code})`, options);
  return new UnavailableError(`cannot reach PostgreSQL at ${shown}: ${message}`, options);
}

function isTlsFailure(e: { code?: string }): boolean {
  return Boolean(e.code && (/CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ALTNAME/.test(e.code)));
}
