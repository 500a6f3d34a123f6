import type { Pool, PoolClient } from 'pg';

/**
 * `fn` in one transaction on one pooled connection: committed, or rolled back on any error and
 * the error rethrown. A connection whose ROLLBACK fails is dropped instead of going back to the
 * pool. `lockTimeout` bounds waits for row locks (PostgreSQL then raises 55P03: errors.ts, 75).
 */
export async function pgTransaction<T>(pool: Pool, fn: (client: PoolClient) => Promise<T>, opts: { lockTimeout?: string } = {}): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query('BEGIN');
    if (opts.lockTimeout) await client.query(`SET LOCAL lock_timeout = '${opts.lockTimeout}'`);
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {
      broken = true;
    });
    throw error;
  } finally {
    client.release(broken);
  }
}
