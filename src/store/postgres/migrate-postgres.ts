import type { PoolClient } from 'pg';
import { ConfigError } from '../../errors.js';
import { SCHEMA_VERSION } from '../migrate.js';
import { migrations } from '../migrations.js';

/**
 * The key of the transaction-level advisory lock that migrations run under, so that two hosts
 * starting at once migrate once: the second waits, then finds the schema current. Any fixed
 * 64-bit number works; this one is "issuetrk" in ASCII, unlikely to collide with another tool's.
 */
const MIGRATION_LOCK_KEY = '7598179240311122795';

/** What the database holds: nothing of ours yet, or issuetrack's schema at `version`. */
export type PostgresSchemaState = { kind: 'empty' } | { kind: 'issuetrack'; version: number };

/**
 * Reads, without writing, what the database's current schema (search_path) holds. Throws
 * ConfigError (78) when a newer issuetrack wrote it, or when it holds another application's
 * tables and none of ours (issuetrack would mix its tables into theirs).
 */
export async function inspectPostgres(client: PoolClient, shown: string): Promise<PostgresSchemaState> {
  // The usual case in one round trip (every command opens the database this way): our version
  // row. Only when there is none (an empty database, or someone else's) is the schema listed,
  // to tell the two apart.
  let version = await readOwnVersion(client);
  if (version === undefined) {
    // pg_tables and not information_schema, which lists only the tables this role may use.
    const { rows } = await client.query<{ tablename: string }>('SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename');
    const tables = rows.map((r) => r.tablename);
    if (tables.length === 0) return { kind: 'empty' };
    // Another process's first migration may have committed between the two reads (processes
    // racing on a new database): then these tables are ours, and the version row is there now.
    if (tables.includes('issuetrack_schema')) version = await readOwnVersion(client);
    if (version === undefined) {
      const listed = tables.slice(0, 3).join(', ') + (tables.length > 3 ? ', …' : '');
      throw new ConfigError(
        `${shown} holds another application's tables (${listed}); issuetrack leaves them untouched: give it a database (or schema) of its own`,
      );
    }
  }
  refuseNewer(version, shown);
  return { kind: 'issuetrack', version };
}

/**
 * Our version row in the current schema (the cast fails, 42P01, when issuetrack_schema is only
 * further down the search_path, or nowhere): no parameters, no `?`, so it can lead a read batch.
 */
export const OWN_VERSION_SQL = `SELECT version FROM issuetrack_schema WHERE id = 1 AND tableoid = (quote_ident(current_schema()) || '.issuetrack_schema')::regclass`;

/**
 * Our version row, read in the current schema (the cast fails when the table is only further down
 * the search_path); undefined when there is no such table (an empty database, or someone else's).
 */
async function readOwnVersion(client: PoolClient): Promise<number | undefined> {
  return client
    .query<{ version: number }>(OWN_VERSION_SQL)
    .then(
      ({ rows }) => rows[0]?.version ?? 0,
      (error: { code?: string }) => {
        if (error.code === UNDEFINED_TABLE) return undefined;
        throw error;
      },
    );
}

/** PostgreSQL's SQLSTATE for a relation that does not exist. */
const UNDEFINED_TABLE = '42P01';

/**
 * Applies pending migrations in one transaction under the advisory lock; the version is read
 * again once the lock is held, so racing processes migrate exactly once. PostgreSQL's DDL is
 * transactional: a failed migration leaves the database as it was.
 */
export async function migratePostgres(client: PoolClient, shown: string): Promise<void> {
  const state = await inspectPostgres(client, shown);
  if (state.kind === 'issuetrack' && state.version === SCHEMA_VERSION) return;
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
    await client.query('CREATE TABLE IF NOT EXISTS issuetrack_schema (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL)');
    await client.query('INSERT INTO issuetrack_schema (id, version) VALUES (1, 0) ON CONFLICT (id) DO NOTHING');
    const from = await readVersion(client);
    refuseNewer(from, shown);
    for (const migration of migrations) {
      if (migration.version <= from) continue;
      await client.query(migration.postgres ?? migration.sql);
    }
    await client.query('UPDATE issuetrack_schema SET version = $1 WHERE id = 1', [SCHEMA_VERSION]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined); // the connection may be the thing that failed
    throw error;
  }
}

async function readVersion(client: PoolClient): Promise<number> {
  const { rows } = await client.query<{ version: number }>('SELECT version FROM issuetrack_schema WHERE id = 1');
  return rows[0]?.version ?? 0;
}

function refuseNewer(version: number, shown: string): void {
  if (version > SCHEMA_VERSION) {
    throw new ConfigError(`database ${shown} was written by a newer issuetrack (schema ${version}, this one knows up to ${SCHEMA_VERSION}); upgrade issuetrack`);
  }
}
