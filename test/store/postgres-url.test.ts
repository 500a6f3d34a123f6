import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config.js';
import { ConfigError } from '../../src/errors.js';
import { KEY_EXCHANGE_GROUPS, tlsOptions } from '../../src/store/postgres/postgres-tls.js';
import { DEFAULT_POOL_SIZE, isPostgresUrl, parsePostgresUrl } from '../../src/store/postgres/postgres-url.js';
import { tempDir } from '../helpers/temp-dir.js';

const resolve = (env: Record<string, string>, db?: string) => resolveConfig({ flags: { db }, env: { HOME: '/h', ...env }, cwd: '/w' });

describe('PostgreSQL URLs', () => {
  it('selects PostgreSQL from DATABASE_URL, ISSUETRACK_DB or --db, in the four spellings', () => {
    for (const scheme of ['postgres', 'postgresql', 'postgresql+asyncpg', 'postgresql+psycopg2']) {
      const url = `${scheme}://app:pa%40ss@db.example.com:6543/tickets`;
      for (const config of [resolve({ DATABASE_URL: url }), resolve({ ISSUETRACK_DB: url }), resolve({}, url)]) {
        expect(config.database).toMatchObject({ dialect: 'postgres', host: 'db.example.com', port: 6543, user: 'app', database: 'tickets' });
        expect(config.database.dialect === 'postgres' && config.database.password?.reveal()).toBe('pa@ss');
      }
    }
    expect(resolve({ DATABASE_URL: '/var/lib/it.db' }).database).toEqual({ dialect: 'sqlite', path: '/var/lib/it.db' });
  });

  it('shows the URL without password and query string everywhere it is printed', () => {
    const config = resolve({ DATABASE_URL: 'postgresql://app:hunter2@db:5432/tickets?sslmode=require&application_name=x' });
    expect(config.dbPath).toBe('postgresql://app@db:5432/tickets');
    expect(JSON.stringify(config)).not.toContain('hunter2');
    expect(String(config.database.dialect === 'postgres' && config.database.password)).toBe('[redacted]');
  });

  it('never puts the password in an error about the URL', () => {
    for (const bad of ['postgresql://app:hunter2@db:notaport/x', 'postgresql://app:hunter2@db/x?sslmode=sometimes', 'postgresql://app:hunter2@db/x?password=hunter2']) {
      let error: unknown;
      try {
        resolve({ DATABASE_URL: bad });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).not.toContain('hunter2');
    }
  });

  it('takes the pool size from ISSUETRACK_DB_POOL_SIZE and refuses a bad one (78)', () => {
    const url = 'postgres://db/x';
    expect(resolve({ DATABASE_URL: url })).toMatchObject({ database: { poolSize: DEFAULT_POOL_SIZE } });
    expect(resolve({ DATABASE_URL: url, ISSUETRACK_DB_POOL_SIZE: '12' })).toMatchObject({ database: { poolSize: 12 } });
    for (const bad of ['0', '-1', '2.5', 'ten', '101']) {
      expect(() => resolve({ DATABASE_URL: url, ISSUETRACK_DB_POOL_SIZE: bad })).toThrow(/ISSUETRACK_DB_POOL_SIZE must be a whole number from 1 to 100/);
    }
  });

  it('tells PostgreSQL URLs from paths and other schemes', () => {
    expect(isPostgresUrl('postgresql+asyncpg://u@h/d')).toBe(true);
    expect(isPostgresUrl('postgres.db')).toBe(false);
    expect(isPostgresUrl('mysql://u@h/d')).toBe(false);
    expect(() => resolve({ DATABASE_URL: 'mysql://u@h/d' })).toThrow(/postgresql:\/\/ URL/);
  });
});

describe('sslmode as pg options', () => {
  const tls = (query: string) => tlsOptions(parsePostgresUrl(`postgresql://u@db.example.com/x${query}`, undefined));

  it('prefers TLS without verification when no sslmode is given, as libpq does', () => {
    expect(parsePostgresUrl('postgresql://u@h/x', undefined).sslMode).toBe('prefer');
    expect(tls('')).toEqual({ rejectUnauthorized: false, ca: [], ecdhCurve: KEY_EXCHANGE_GROUPS }); // no CA: Node's bundled roots would load for nothing
  });

  it('maps disable, require, verify-ca and verify-full (asyncpg spells it ssl=)', () => {
    const ca = join(tempDir(), 'ca.pem');
    writeFileSync(ca, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    expect(tls('?sslmode=disable')).toBe(false);
    expect(tls('?sslmode=require')).toEqual({ rejectUnauthorized: false, ca: [], ecdhCurve: KEY_EXCHANGE_GROUPS });
    expect(tls('?ssl=require')).toEqual({ rejectUnauthorized: false, ca: [], ecdhCurve: KEY_EXCHANGE_GROUPS });
    const full = tls(`?sslmode=verify-full&sslrootcert=${ca}`);
    expect(full).toMatchObject({ rejectUnauthorized: true, ca: expect.stringContaining('BEGIN CERTIFICATE') });
    expect(full && full.checkServerIdentity).toBeUndefined(); // Node's own host name check
    const caOnly = tls(`?sslmode=verify-ca&sslrootcert=${ca}`);
    expect(caOnly && caOnly.checkServerIdentity?.('other.example.com', {} as never)).toBeUndefined();
  });

  it('refuses a CA file that is not there or empty (78)', () => {
    expect(() => tls('?sslmode=verify-full&sslrootcert=/nonexistent/ca.pem')).toThrow(/sslrootcert \/nonexistent\/ca.pem cannot be read/);
    const empty = join(tempDir(), 'empty.pem');
    writeFileSync(empty, '\n');
    expect(() => tls(`?sslmode=verify-ca&sslrootcert=${empty}`)).toThrow(/sslrootcert \S+empty.pem is empty/);
  });

  it('verifies with Node\'s own roots in the verify modes without sslrootcert (no empty CA list there)', () => {
    expect(tls('?sslmode=verify-full')).toEqual({ rejectUnauthorized: true, ecdhCurve: KEY_EXCHANGE_GROUPS });
    const caOnly = tls('?sslmode=verify-ca');
    expect(caOnly).toMatchObject({ rejectUnauthorized: true });
    expect(caOnly && 'ca' in caOnly).toBe(false);
  });

  it('checks the chain, as libpq does, when require or prefer come with a root CA file', () => {
    const ca = join(tempDir(), 'ca.pem');
    writeFileSync(ca, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    for (const mode of ['require', 'prefer']) {
      const options = tls(`?sslmode=${mode}&sslrootcert=${ca}`);
      expect(options).toMatchObject({ rejectUnauthorized: true, ca: expect.stringContaining('BEGIN CERTIFICATE') });
      expect(options && options.checkServerIdentity?.('other.example.com', {} as never)).toBeUndefined(); // chain only, as verify-ca
    }
    expect(() => tls('?sslmode=require&sslrootcert=/nonexistent/ca.pem')).toThrow(/cannot be read/);
  });
});
