import { ConfigError } from '../../errors.js';
import { Secret } from '../../secret.js';

/** libpq's sslmode values (https://www.postgresql.org/docs/current/libpq-ssl.html#LIBPQ-SSL-PROTECTION). */
export const SSL_MODES = ['disable', 'prefer', 'require', 'verify-ca', 'verify-full'] as const;
export type SslMode = (typeof SSL_MODES)[number];

/** Connections a process may hold when ISSUETRACK_DB_POOL_SIZE is unset. */
export const DEFAULT_POOL_SIZE = 5;
const MAX_POOL_SIZE = 100;

/**
 * Where a PostgreSQL store lives. `shown` is the URL without password and query string: the
 * only form that is ever printed, logged or put in an error. The password is a Secret.
 */
export interface PostgresTarget {
  readonly dialect: 'postgres';
  readonly shown: string;
  readonly host: string | undefined;
  readonly port: number | undefined;
  readonly user: string | undefined;
  readonly password: Secret | undefined;
  readonly database: string | undefined;
  readonly sslMode: SslMode;
  /** sslrootcert: a CA file (PEM) that verify-ca and verify-full check the server against. */
  readonly sslRootCert: string | undefined;
  readonly applicationName: string;
  readonly connectTimeoutMs: number;
  readonly poolSize: number;
}

/**
 * postgres://, postgresql:// and the SQLAlchemy spellings the source service's .env files hold
 * (postgresql+asyncpg://, postgresql+psycopg2://, …): the `+driver` names a Python driver and
 * means nothing here, so it is dropped.
 */
export function isPostgresUrl(value: string): boolean {
  const text = value.trim();
  // The prefix first: a process's first case-insensitive regex costs ~0.2 ms, which a file path
  // (every SQLite `status`) need not pay.
  return text.slice(0, 8).toLowerCase() === 'postgres' && /^postgres(ql)?(\+[a-z0-9_]+)?:\/\//i.test(text);
}

/**
 * Parses a PostgreSQL URL (see isPostgresUrl) and the pool size setting. Query parameters:
 * sslmode (libpq's five; asyncpg's `ssl=` is read as the same), sslrootcert, host (a socket
 * folder, as libpq allows), application_name, connect_timeout (seconds). Throws ConfigError
 * (78) naming the bad part, never the password, for anything else.
 */
export function parsePostgresUrl(value: string, poolSizeText: string | undefined): PostgresTarget {
  const text = value.trim().replace(/^postgres(ql)?(\+[a-z0-9_]+)?:\/\//i, 'postgresql://');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    // The text may hold a password: name only its shape.
    throw new ConfigError('database URL is not a valid postgresql:// URL (expected postgresql://user:password@host:port/database)');
  }
  const decode = (part: string, what: string) => {
    try {
      return decodeURIComponent(part);
    } catch {
      throw new ConfigError(`database URL: the ${what} has a bad %-escape`);
    }
  };
  const params = url.searchParams;
  for (const name of params.keys()) {
    if (!KNOWN_PARAMS.includes(name)) {
      throw new ConfigError(`database URL: unknown parameter "${name}" (issuetrack reads ${KNOWN_PARAMS.join(', ')})`);
    }
  }
  const sslMode = (params.get('sslmode') ?? params.get('ssl') ?? 'prefer').toLowerCase();
  if (!(SSL_MODES as readonly string[]).includes(sslMode)) {
    throw new ConfigError(`database URL: sslmode must be one of ${SSL_MODES.join(', ')}, got "${sslMode}"`);
  }
  const timeoutText = params.get('connect_timeout') ?? '10';
  if (!/^\d+$/.test(timeoutText) || Number(timeoutText) < 1) {
    throw new ConfigError(`database URL: connect_timeout must be a whole number of seconds of at least 1, got "${timeoutText}"`);
  }
  const portText = url.port;
  const host = params.get('host') ?? (url.hostname ? decode(url.hostname, 'host').replace(/^\[(.*)\]$/, '$1') : undefined);
  const user = url.username ? decode(url.username, 'user name') : undefined;
  const database = url.pathname.length > 1 ? decode(url.pathname.slice(1), 'database name') : undefined;
  if (database?.includes('/')) throw new ConfigError('database URL: the database name (after the host) must not contain "/"');
  return Object.freeze({
    dialect: 'postgres' as const,
    shown: shownUrl(url, user, database),
    host,
    port: portText ? Number(portText) : undefined,
    user,
    password: url.password ? new Secret(decode(url.password, 'password')) : undefined,
    database,
    sslMode: sslMode as SslMode,
    sslRootCert: params.get('sslrootcert') ?? undefined,
    applicationName: params.get('application_name') ?? 'issuetrack',
    connectTimeoutMs: Number(timeoutText) * 1000,
    poolSize: parsePoolSize(poolSizeText),
  });
}

const KNOWN_PARAMS = ['sslmode', 'ssl', 'sslrootcert', 'host', 'application_name', 'connect_timeout'];

/** ISSUETRACK_DB_POOL_SIZE: connections one process may open, 1 to 100. */
export function parsePoolSize(text: string | undefined): number {
  if (text === undefined) return DEFAULT_POOL_SIZE;
  if (!/^\d+$/.test(text.trim()) || Number(text) < 1 || Number(text) > MAX_POOL_SIZE) {
    throw new ConfigError(`ISSUETRACK_DB_POOL_SIZE must be a whole number from 1 to ${MAX_POOL_SIZE}, got "${text}"`);
  }
  return Number(text);
}

/** postgresql://user@host:port/database: what may be printed (no password, no query string). */
function shownUrl(url: URL, user: string | undefined, database: string | undefined): string {
  const who = user ? `${encodeURIComponent(user)}@` : '';
  return `postgresql://${who}${url.host}/${database ? encodeURIComponent(database) : ''}`;
}
