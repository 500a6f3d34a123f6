import { readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDotenv } from './dotenv.js';
import { ConfigError } from './errors.js';
import { nodeRequire } from './node-require.js';
import { DEFAULT_LOG_MAX_BYTES, LOG_LEVELS, type LogLevel } from './output/log-file.js';
import { Secret } from './secret.js';
import type { DatabaseTarget } from './store/database-target.js';
import { isPostgresUrl, parsePostgresUrl } from './store/postgres/postgres-url.js';

export const DEFAULT_MODEL = 'claude-haiku-5-5';

export type ConfigSource = 'flag' | 'env' | '.env' | 'default';

/** Resolved settings. Frozen; secrets are Secret objects and never print. */
export interface Config {
  /** The SQLite file, or for PostgreSQL the URL without password and query string (printable). */
  readonly dbPath: string;
  /** The database to open; for PostgreSQL it carries the password, as a Secret. */
  readonly database: DatabaseTarget;
  readonly dbSource: ConfigSource;
  /** Folder for logs and lock files ($XDG_STATE_HOME/issuetrack). */
  readonly stateDir: string;
  /** $XDG_CONFIG_HOME (~/.config): where user systemd units go. */
  readonly userConfigDir: string;
  /** The run log (ISSUETRACK_LOG_FILE, default $XDG_STATE_HOME/issuetrack/issuetrack.log). */
  readonly logPath: string;
  /** Lowest level written (ISSUETRACK_LOG_LEVEL: debug, info, warn, error; default info). */
  readonly logLevel: LogLevel;
  /** Size at which the log rotates (ISSUETRACK_LOG_MAX_BYTES, default 5 MiB). */
  readonly logMaxBytes: number;
  readonly zendesk: {
    readonly baseUrl: string | undefined; // https://SUB.zendesk.com, no trailing slash
    readonly subdomain: string | undefined;
    readonly email: string | undefined;
    readonly apiToken: Secret | undefined;
    readonly oauthToken: Secret | undefined;
    readonly clientId: string | undefined;
    readonly clientSecret: Secret | undefined;
  };
  readonly anthropic: {
    readonly apiKey: Secret | undefined;
    readonly baseUrl: string | undefined;
    readonly model: string;
    readonly modelSource: ConfigSource;
  };
  readonly serveToken: Secret | undefined;
  /** Seconds a worker lease lasts without a heartbeat (ISSUETRACK_LEASE_SECONDS, default 120). */
  readonly leaseSeconds: number;
  /**
   * Any other setting by name, environment first, then .env. A function rather than a copy of
   * the environment, so that printing or serialising a Config can never show a secret.
   */
  readonly setting: (name: string) => string | undefined;
}

export interface ConfigInput {
  flags: { db?: string; model?: string };
  env: Record<string, string | undefined>;
  cwd: string;
  /** Text of ./.env, or undefined when there is none. Read by `readDotenvFile`. */
  dotenv?: string;
}

/** Reads ./.env if it exists. Throws ConfigError when it exists but cannot be read. */
export function readDotenvFile(cwd: string): string | undefined {
  // Asked first without an exception: there is usually no .env, and building the ENOENT error
  // cost ~0.4 ms of every `status` (bench/status-cold-start.mjs).
  if (!statSync(join(cwd, '.env'), { throwIfNoEntry: false })) return undefined;
  try {
    return readFileSync(join(cwd, '.env'), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ConfigError(`cannot read ${join(cwd, '.env')}: ${(error as Error).message}`);
  }
}

/**
 * Resolves settings with precedence flags > environment > .env > defaults.
 * Pure apart from nothing: all inputs are passed in. Throws ConfigError on malformed values.
 */
export function resolveConfig(input: ConfigInput): Config {
  const fromFile = input.dotenv ? parseDotenv(input.dotenv) : {};
  const lookup = (name: string): { value: string; source: ConfigSource } | undefined => {
    const env = input.env[name];
    if (env !== undefined && env !== '') return { value: env, source: 'env' };
    const file = fromFile[name];
    if (file !== undefined && file !== '') return { value: file, source: '.env' };
    return undefined;
  };
  const get = (name: string) => lookup(name)?.value;
  // A secret of only blanks is a mistake (`VAR=' '`), never a credential: refusing it here keeps
  // serve from binding 0.0.0.0 behind a token no one can send, and the clients from sending one.
  const secret = (name: string) => {
    const value = get(name);
    if (value !== undefined && value.trim() === '') throw new ConfigError(`${name} is set but holds only whitespace; set the real value or unset it`);
    return value === undefined ? undefined : new Secret(value);
  };

  const home = input.env.HOME || homedir();
  const xdg = (name: string, fallback: string) => {
    const value = input.env[name];
    // The XDG spec says relative values are invalid and must be ignored.
    return value && isAbsolute(value) ? value : join(home, fallback);
  };
  const dataDir = join(xdg('XDG_DATA_HOME', '.local/share'), 'issuetrack');
  const stateDir = join(xdg('XDG_STATE_HOME', '.local/state'), 'issuetrack');
  const userConfigDir = xdg('XDG_CONFIG_HOME', '.config');

  let database: DatabaseTarget;
  let dbSource: ConfigSource;
  const dbEnv = lookup('ISSUETRACK_DB') ?? lookup('DATABASE_URL');
  const target = (value: string): DatabaseTarget =>
    isPostgresUrl(value)
      ? parsePostgresUrl(value, get('ISSUETRACK_DB_POOL_SIZE'))
      : { dialect: 'sqlite', path: resolve(input.cwd, databasePathFromUrl(value)) };
  if (input.flags.db !== undefined) {
    database = target(input.flags.db);
    dbSource = 'flag';
  } else if (dbEnv) {
    database = target(dbEnv.value);
    dbSource = dbEnv.source;
  } else {
    database = { dialect: 'sqlite', path: join(dataDir, 'issuetrack.db') };
    dbSource = 'default';
  }
  const dbPath = database.dialect === 'sqlite' ? database.path : database.shown;

  const modelEnv = lookup('ISSUETRACK_MODEL');
  const model = input.flags.model ?? modelEnv?.value ?? DEFAULT_MODEL;
  const modelSource: ConfigSource = input.flags.model ? 'flag' : (modelEnv?.source ?? 'default');

  const subdomain = get('ZENDESK_SUBDOMAIN');
  const zendeskUrl = get('ZENDESK_URL');
  let baseUrl: string | undefined;
  if (zendeskUrl) {
    baseUrl = normaliseHttpUrl(zendeskUrl, 'ZENDESK_URL');
  } else if (subdomain) {
    if (!/^[a-z0-9][a-z0-9-]*$/i.test(subdomain)) {
      throw new ConfigError(`ZENDESK_SUBDOMAIN must be the bare subdomain (like "acme"), got "${subdomain}"`);
    }
    baseUrl = `https://${subdomain}.zendesk.com`;
  }
  const anthropicBase = get('ANTHROPIC_BASE_URL');

  const leaseText = get('ISSUETRACK_LEASE_SECONDS');
  const leaseSeconds = leaseText === undefined ? 120 : Number(leaseText);
  if (!Number.isFinite(leaseSeconds) || leaseSeconds < 1) {
    throw new ConfigError(`ISSUETRACK_LEASE_SECONDS must be a number of seconds of at least 1, got "${leaseText}"`);
  }
  const logFile = get('ISSUETRACK_LOG_FILE');
  const logLevel = (get('ISSUETRACK_LOG_LEVEL') ?? 'info').toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw new ConfigError(`ISSUETRACK_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${get('ISSUETRACK_LOG_LEVEL')}"`);
  }
  const maxText = get('ISSUETRACK_LOG_MAX_BYTES');
  const logMaxBytes = maxText === undefined ? DEFAULT_LOG_MAX_BYTES : Number(maxText);
  if (!Number.isInteger(logMaxBytes) || logMaxBytes < 4096) {
    throw new ConfigError(`ISSUETRACK_LOG_MAX_BYTES must be a whole number of bytes of at least 4096, got "${maxText}"`);
  }
  return Object.freeze({
    dbPath,
    database,
    dbSource,
    stateDir,
    userConfigDir,
    logPath: fallbackLogPath({ ...input.env, ISSUETRACK_LOG_FILE: logFile }, input.cwd),
    logLevel: logLevel as LogLevel,
    logMaxBytes,
    zendesk: Object.freeze({
      baseUrl,
      subdomain: subdomain ?? subdomainOf(baseUrl),
      email: get('ZENDESK_EMAIL'),
      apiToken: secret('ZENDESK_API_TOKEN'),
      oauthToken: secret('ZENDESK_OAUTH_TOKEN'),
      clientId: get('ZENDESK_CLIENT_ID'),
      clientSecret: secret('ZENDESK_CLIENT_SECRET'),
    }),
    anthropic: Object.freeze({
      apiKey: secret('ANTHROPIC_API_KEY'),
      baseUrl: anthropicBase ? normaliseHttpUrl(anthropicBase, 'ANTHROPIC_BASE_URL') : undefined,
      model,
      modelSource,
    }),
    serveToken: secret('ISSUETRACK_API_TOKEN'),
    leaseSeconds,
    setting: get,
  });
}

/**
 * Accepts a plain path, `file:` URL or `sqlite:` URL naming a file (PostgreSQL URLs are told
 * apart before this, see isPostgresUrl); anything else is a ConfigError: another scheme, an in-memory database (everything would vanish when the command
 * ends, and SQLite would not even see it: the path would make a file named ":memory:"), or a
 * path ending in a slash (a folder: resolving it would quietly make a file of that name).
 */
export function databasePathFromUrl(value: string): string {
  const path = databasePathOf(value);
  if (path === ':memory:' || path.startsWith(':memory:?') || value === 'sqlite::memory:') {
    throw new ConfigError('an in-memory database (:memory:) would lose everything when the command ends: give a file path');
  }
  if (path.endsWith('/') || path.endsWith('\\')) throw new ConfigError(`database path ${path} names a folder: give a file inside it, like ${path}issuetrack.db`);
  return path;
}

function databasePathOf(value: string): string {
  if (value.startsWith('file:')) {
    if (value.startsWith('file://')) return fileURLToPath(value.split('?')[0]!);
    return value.slice('file:'.length).split('?')[0]!;
  }
  if (value.startsWith('sqlite:')) {
    // sqlite:///abs/path, sqlite://rel/path, sqlite:rel/path
    const rest = value.slice('sqlite:'.length).split('?')[0]!;
    if (rest.startsWith('///')) return rest.slice(2);
    if (rest.startsWith('//')) return rest.slice(2);
    return rest;
  }
  // [a-zA-Z] rather than /i (the same set without the u flag): a process's first case-insensitive
  // regex costs ~0.2 ms; and only for a value with a `://` (each regex run is compiled first).
  if (value.includes('://') && /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(value)) {
    throw new ConfigError(`unsupported database URL "${value.split(':')[0]}:": give an SQLite path (plain, file: or sqlite: URL) or a postgresql:// URL`);
  }
  if (value.trim() === '') throw new ConfigError('database path is empty');
  return value;
}

function normaliseHttpUrl(value: string, name: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${name} is not a URL: "${value}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError(`${name} must be an http(s) URL, got "${url.protocol}"`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

function subdomainOf(baseUrl: string | undefined): string | undefined {
  if (!baseUrl) return undefined;
  const match = /^https?:\/\/([^.]+)\.zendesk\.com/.exec(baseUrl);
  return match?.[1];
}

/** The home folder the system knows, for when HOME is unset; node:os loads only then (~0.15 ms of `status`). */
function homedir(): string {
  return (nodeRequire('node:os') as typeof import('node:os')).homedir();
}

/** Where the run log goes from the environment alone: ISSUETRACK_LOG_FILE, else $XDG_STATE_HOME/issuetrack/issuetrack.log. */
export function fallbackLogPath(env: Record<string, string | undefined>, cwd: string): string {
  if (env.ISSUETRACK_LOG_FILE) return resolve(cwd, env.ISSUETRACK_LOG_FILE);
  const state = env.XDG_STATE_HOME && isAbsolute(env.XDG_STATE_HOME) ? env.XDG_STATE_HOME : join(env.HOME || homedir(), '.local/state');
  return join(state, 'issuetrack', 'issuetrack.log');
}
