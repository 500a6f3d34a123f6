import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Pool } from 'pg';
import type { Dialect } from './database-target.js';
import type { Database } from './schema.js';

interface OpenStore {
  readonly dialect: Dialect;
  /** The SQLite file, or the PostgreSQL URL without password and query string: printable. */
  readonly path: string;
  readonly db: Kysely<Database>;
  /** False when a read-only command found no database at `path` and reads an empty one instead. */
  readonly exists?: boolean;
  /** False when this user may not write to it (read-only commands still read it). */
  readonly writable?: boolean;
  close(): Promise<void>;
}

/** An SQLite store: Kysely for queries, the raw handle for what Kysely cannot do (the lease, prepared statements). */
export interface SqliteStore extends OpenStore {
  readonly dialect: 'sqlite';
  readonly sqlite: BetterSqlite3.Database;
  /**
   * What a read-only command's open read of the file (open-sqlite-read.ts): its tables and schema
   * version, fixed for the command's life by the version it checked. hasTable and
   * readSchemaVersion answer from them instead of asking SQLite again: `status` asked four times.
   */
  readonly schema?: { readonly version: number; readonly tables: ReadonlySet<string> };
}

/** A PostgreSQL store: Kysely over a pg pool; the pool itself for what runs beside Kysely (the lease, bulk writes). */
export interface PostgresStore extends OpenStore {
  readonly dialect: 'postgres';
  readonly pool: Pool;
}

/**
 * An open database. Code above src/store/ speaks Kysely (`db`) and never asks which dialect it
 * runs on; what needs one implementation per dialect lives in src/store/ behind a function.
 */
export type Store = SqliteStore | PostgresStore;
