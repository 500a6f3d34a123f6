import type { PoolConfig } from 'pg';
import { result, scriptedConnection } from './scripted-postgres.js';

/*
 * What build.mjs runs to write dist/fast/pg.cjs's code cache (fast-status-start.ts): loading pg
 * compiles little of what `status` then runs (the pool, the client, the protocol's serializer and
 * parser, the result), which V8 compiled from source at every `status` on PostgreSQL (~9M
 * instructions of ~210M, callgrind). Here pg talks to the server scripted in scripted-postgres.ts,
 * as open-postgres.ts has it talk to a real one. Build-only: nothing at run time loads this file.
 */

type Pg = Pick<typeof import('pg'), 'Pool'>;

/** The rows each statement of the batch below is answered with, as pg reads them back (checked). */
const EXPECTED = [[{ version: 1 }], [{ tickets: '20000', name: 'issuetrack', missing: null }], []];

/** The answer to the batch: an int4; an int8, a text and a NULL; no rows. */
function answer(): Buffer[] {
  return [
    ...result([['version', 23]], [['1']]),
    ...result([['tickets', 20], ['name', 25], ['missing', 25]], [['20000', 'issuetrack', null]]),
    ...result([['id', 23]], []),
  ];
}

/**
 * Connects a pool of `pg` to the scripted server with the options open-postgres.ts sets, checks
 * a connection out and back in, sends a batch of reads through pool.query and ends the pool.
 * Throws when pg did not read back what the server said: a script pg misreads fails the build's
 * cache step loudly rather than caching an error path.
 */
export async function exercisePg(pg: Pg): Promise<void> {
  const config: PoolConfig = {
    host: '127.0.0.1',
    port: 5432,
    user: 'issuetrack',
    database: 'issuetrack',
    ssl: false,
    stream: () => scriptedConnection(answer) as never,
    max: 5,
    connectionTimeoutMillis: 10_000,
    application_name: 'issuetrack',
    allowExitOnIdle: true,
    options: '-c default_transaction_read_only=on',
  };
  const pool = new pg.Pool(config);
  try {
    (await pool.connect()).release();
    const results = (await pool.query('SELECT 1; SELECT 2; SELECT 3')) as unknown as { rows: unknown[] }[];
    const rows = JSON.stringify(results.map((r) => r.rows));
    if (rows !== JSON.stringify(EXPECTED)) throw new Error(`pg read ${rows} from the scripted server`);
  } finally {
    await pool.end();
  }
}
