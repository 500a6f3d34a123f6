import type { Pool, PoolClient, PoolConfig } from 'pg';
import { ConfigError } from '../../errors.js';
import { IN_STATUS_BUNDLE, nodeRequire } from '../../node-require.js';
import { SCHEMA_VERSION } from '../migrate.js';
import type { PostgresStore } from '../store.js';
import { connectFailure } from './postgres-errors.js';
import { earlySocket, type EarlySocket } from './early-socket.js';
import { tlsOptions } from './postgres-tls.js';
import type { PostgresTarget } from './postgres-url.js';
import { inspectPostgres, migratePostgres, OWN_VERSION_SQL } from './migrate-postgres.js';
import { batchedRead } from './read-batch.js';
import { numbered } from '../raw-query.js';

export interface OpenPostgresOptions {
  /**
   * A command that only reads: every transaction of the pool is READ ONLY (the server refuses
   * any write), nothing is created or migrated. A database with no issuetrack tables is a
   * ConfigError unless `allowMissing`, which reads it as empty (`exists` false).
   */
  readOnly?: boolean;
  allowMissing?: boolean;
}

/**
 * pg itself. require, not import(): `status` runs as a CommonJS file compiled from V8's code cache
 * (status-fast.ts), where a dynamic import() has no loader to call; pg is CommonJS either way.
 * pg asks at load time whether it runs in a Cloudflare Worker (pg/lib/stream.js): with no
 * `navigator` global (Node 20 has none; 21 and later have one) it builds a fetch `Response`, which
 * loads undici, about 25 ms of `status`'s start-up on PostgreSQL (measured with --cpu-prof). A
 * navigator that says what we are, there only while pg loads, answers the question without it.
 */
function loadPg(): typeof import('pg') {
  const global = globalThis as { navigator?: unknown };
  if ('navigator' in global) return requirePg();
  global.navigator = { userAgent: `Node.js/${process.versions.node}` };
  try {
    return requirePg();
  } finally {
    delete global.navigator;
  }
}

/**
 * In the CommonJS bundle of `status` (dist/fast/status.cjs), pg is a bundle of its own beside it
 * (dist/fast/pg.cjs, build.mjs): one file compiled from its code cache instead of some forty
 * resolved and read from node_modules (~20 ms of CPU, measured), and not part of status.cjs,
 * which `status` on SQLite would then read and compile for nothing (bench/status-cold-start.mjs).
 * status.cjs's `require` resolves from dist/fast, where start.cjs's loadFastPg loads that file.
 * The ESM bundle's require (its banner) resolves pg from node_modules; tests run src/ as ESM,
 * where there is no require. nodeRequire, not createRequire: node:module at this module's top
 * loaded the ESM loader into every `status` on PostgreSQL (~1 ms).
 */
function requirePg(): typeof import('pg') {
  if (IN_STATUS_BUNDLE) return (nodeRequire('./start.cjs') as { loadFastPg(): typeof import('pg') }).loadFastPg();
  return (typeof require === 'function' ? require('pg') : nodeRequire('pg')) as typeof import('pg');
}

/**
 * Connects a pool to the PostgreSQL server of `target` and, for a task, migrates the schema
 * (migrate-postgres.ts). Throws UnavailableError (69) when the server cannot be reached, AuthError
 * (77) when it rejects the login, ConfigError (78) for an unknown database, a TLS mismatch, a
 * newer or another application's schema; every message shows the URL without its password.
 * `pg` loads here only, so SQLite users never pay for it. The store comes without Kysely (its
 * `db` throws), as on SQLite, for `status`'s start-up: postgres-store.ts puts Kysely on top.
 */
export async function openPostgres(target: PostgresTarget, opts: OpenPostgresOptions = {}): Promise<PostgresStore> {
  const { pool, client } = await connectPool(target, opts);
  let exists = true;
  try {
    if (opts.readOnly) exists = await checkReadable(client, target.shown, Boolean(opts.allowMissing));
    else await migratePostgres(client, target.shown);
  } catch (error) {
    client.release();
    await pool.end();
    throw error instanceof ConfigError ? error : connectFailure(error, target.shown);
  }
  client.release();
  return storeOf(pool, target, exists);
}

/**
 * openPostgres({ readOnly: true }) for a command that reads as soon as it has the store
 * (`status`): `read` starts on the store at once, so its reads travel in the round trip of the
 * schema check, which goes first (read-batch.ts's gate: they get rows only if the schema is this
 * issuetrack's). Resolves to the store and `read`'s promise. When the check does not pass there
 * (no tables, another version, no answer), the database is checked as openPostgres checks it,
 * with the same errors (78, 69, …) or `exists` false, and `read` is undefined: read again.
 */
export async function openPostgresReading<T>(
  target: PostgresTarget,
  opts: { allowMissing?: boolean },
  read: (store: PostgresStore) => Promise<T>,
): Promise<{ store: PostgresStore; read?: Promise<T> }> {
  const { pool, client } = await connectPool(target, { readOnly: true });
  client.release(); // the reads take it back from the pool
  const store = storeOf(pool, target, true);
  const current = (rows: { version: number }[]) => rows[0]?.version === SCHEMA_VERSION;
  const checked = batchedRead<{ version: number }>(pool, OWN_VERSION_SQL, [], numbered, current);
  const reading = read(store);
  reading.catch(() => undefined); // the caller awaits it, or it is dropped below
  if (await checked.then(current, () => false)) return { store, read: reading };
  let exists: boolean;
  try {
    const again = await connect(pool, target);
    try {
      exists = await checkReadable(again, target.shown, Boolean(opts.allowMissing));
    } finally {
      again.release();
    }
  } catch (error) {
    await pool.end();
    throw error instanceof ConfigError ? error : connectFailure(error, target.shown);
  }
  return { store: storeOf(pool, target, exists) };
}

/** A pool connected to `target` and its first client (sslmode=prefer falls back to plain here). */
async function connectPool(target: PostgresTarget, opts: OpenPostgresOptions): Promise<{ pool: Pool; client: PoolClient }> {
  const ssl = tlsOptions(target); // first: a bad sslrootcert is 78 before anything connects
  const early = await earlySocket(target);
  let pg: typeof import('pg');
  try {
    pg = loadPg();
  } catch (error) {
    early?.drop();
    throw error;
  }
  const config = poolConfig(target, opts, ssl, early, pg.types.getTypeParser);
  const pool = newPool(pg.Pool, config);
  try {
    return { pool, client: await connect(pool, target) };
  } catch (error) {
    await pool.end();
    // sslmode=prefer, as libpq does it: TLS when the server offers it, plain otherwise.
    if (target.sslMode !== 'prefer' || !/does not support SSL/i.test((error as Error).message)) throw connectFailure(error, target.shown);
  }
  const plain = newPool(pg.Pool, { ...config, ssl: false });
  try {
    return { pool: plain, client: await connect(plain, target) };
  } catch (error) {
    await plain.end();
    throw connectFailure(error, target.shown);
  }
}

function storeOf(pool: Pool, target: PostgresTarget, exists: boolean): PostgresStore {
  return {
    dialect: 'postgres',
    path: target.shown,
    pool,
    get db(): never {
      throw new Error('this command opened the database without Kysely; use store.pool');
    },
    exists,
    writable: true, // not knowable without writing; read-only commands never try
    close: async () => {
      if (!pool.ended) await pool.end();
    },
  };
}

/**
 * A pool that survives the server dropping an idle connection (a restart, a failover): pg
 * reports that as an 'error' event, which would end the process without a listener; the next
 * query then connects again, or fails with its own error.
 */
function newPool(PoolClass: new (config: PoolConfig) => Pool, config: PoolConfig): Pool {
  const pool = new PoolClass(config);
  pool.on('error', () => undefined);
  // A checked-out client has no 'error' listener (pg-pool removes its idle one at checkout): a
  // server ending that connection meanwhile (pg_terminate_backend, a restart, a failover) ended
  // the process with an uncaught 'error' event. Now its next query fails instead (errors.ts makes
  // that 69) and the pool discards the client on release.
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}

async function connect(pool: Pool, target: PostgresTarget): Promise<PoolClient> {
  try {
    return await pool.connect();
  } catch (error) {
    if ((error as Error).message === 'timeout exceeded when trying to connect') {
      throw new Error(`no answer within ${target.connectTimeoutMs / 1000} s (connect_timeout)`, { cause: error });
    }
    throw error;
  }
}

/** Whether a read-only command finds our tables; refuses an older or newer schema, as on SQLite. */
async function checkReadable(client: PoolClient, shown: string, allowMissing: boolean): Promise<boolean> {
  const state = await inspectPostgres(client, shown);
  if (state.kind === 'empty') {
    if (allowMissing) return false;
    throw new ConfigError(`no issuetrack tables in ${shown} yet: a task creates them (issuetrack sync)`);
  }
  if (state.version < SCHEMA_VERSION) {
    throw new ConfigError(
      `database ${shown} has schema ${state.version} and this issuetrack reads ${SCHEMA_VERSION}: run a task once (issuetrack trends) to upgrade it; read-only commands never change the database`,
    );
  }
  return true;
}

type TypeParserLookup = (oid: number, format?: 'text' | 'binary') => unknown;

/**
 * pg's settings for the target. 64-bit integers (count(*), BIGINT columns) and numerics (sums)
 * come back as JavaScript numbers, as better-sqlite3 gives them: pg's default strings would
 * make every caller above the store ask which database it reads. Zendesk ids and our counts
 * stay far below 2^53.
 */
function poolConfig(target: PostgresTarget, opts: OpenPostgresOptions, ssl: PoolConfig['ssl'], early: EarlySocket | undefined, builtIn: TypeParserLookup): PoolConfig {
  const toNumber = (text: string) => Number(text);
  return {
    host: target.host,
    port: target.port,
    user: target.user,
    password: target.password?.reveal(),
    database: target.database,
    ssl,
    stream: early?.stream,
    max: target.poolSize,
    connectionTimeoutMillis: target.connectTimeoutMs,
    application_name: target.applicationName,
    allowExitOnIdle: true,
    // The server enforces it: a write from a read-only command fails instead of changing data.
    options: opts.readOnly ? '-c default_transaction_read_only=on' : undefined,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        (oid === 20 || oid === 1700) && format !== 'binary' ? toNumber : builtIn(oid, format)) as never,
    },
  };
}
