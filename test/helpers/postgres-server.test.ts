import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import pg from 'pg';
import { expect, it } from 'vitest';
import { createDatabase, createPasswordRole, describePostgres, postgresServer, withClient } from './postgres.js';
import { startPostgresServer } from './postgres-server.js';
import { tempDir } from './temp-dir.js';

const canConnect = async (url: string) => {
  try {
    await withClient(url, (client) => client.query('SELECT 1'));
    return true;
  } catch {
    return false;
  }
};

describePostgres('the throwaway PostgreSQL server', () => {
  it('gives each createDatabase() call its own empty database', async () => {
    const [a, b] = [await createDatabase(), await createDatabase()];
    expect(a).not.toBe(b);
    await withClient(a, (client) => client.query('CREATE TABLE t (x INTEGER)'));
    const tables = await withClient(b, (client) => client.query("SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 't'"));
    expect(tables.rows[0].n).toBe(0);
  });

  it('listens on loopback only and trades durability for speed', async () => {
    const settings = await withClient(postgresServer().url, async (client) => {
      const show = async (name: string) => (await client.query(`SHOW ${name}`)).rows[0][name];
      return { listen: await show('listen_addresses'), fsync: await show('fsync') };
    });
    expect(settings).toEqual({ listen: '127.0.0.1', fsync: 'off' });
  });

  it('asks a password role for its password', async () => {
    const url = await createPasswordRole(await createDatabase(), 'pa ss/wörd');
    expect(await canConnect(url)).toBe(true);
    const wrong = new URL(url);
    wrong.password = 'wrong';
    const error = await withClient(wrong.toString(), () => Promise.resolve()).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: '28P01' }); // invalid_password
  });

  it('speaks TLS with a certificate the given CA signed for 127.0.0.1', async (context) => {
    const { url, caFile } = postgresServer();
    if (!caFile) return context.skip('no openssl to make certificates with');
    const client = new pg.Client({ connectionString: url, ssl: { ca: readFileSync(caFile, 'utf8'), rejectUnauthorized: true } });
    await client.connect();
    try {
      const { rows } = await client.query('SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()');
      expect(rows[0].ssl).toBe(true);
    } finally {
      await client.end();
    }
  });

  it('stops and deletes its folder when the process that started it is killed', async () => {
    // A real child process starts a server, reports it, and dies by SIGKILL: no cleanup code runs.
    const dir = tempDir();
    writeFileSync(join(dir, 'entry.ts'), `
      import { startPostgresServer } from ${JSON.stringify(join(import.meta.dirname, 'postgres-server.ts'))};
      startPostgresServer().then((s) => console.log(JSON.stringify({ url: s.url, caFile: s.caFile })));`);
    await build({ entryPoints: [join(dir, 'entry.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: join(dir, 'entry.cjs'), logLevel: 'silent' });
    const child = spawn(process.execPath, [join(dir, 'entry.cjs')], { stdio: ['ignore', 'pipe', 'inherit'] });
    const line = await new Promise<string>((resolve) => child.stdout.setEncoding('utf8').once('data', resolve));
    const server = JSON.parse(line) as { url: string; caFile: string };
    expect(await canConnect(server.url)).toBe(true);
    child.kill('SIGKILL');
    const folder = join(server.caFile, '..');
    for (let i = 0; i < 300 && (existsSync(folder) || (await canConnect(server.url))); i++) await new Promise((r) => setTimeout(r, 100));
    expect(existsSync(folder)).toBe(false);
    expect(await canConnect(server.url)).toBe(false);
  });
});

it('stop() ends a server and removes its folder', async (context) => {
  const server = await startPostgresServer().catch((e: Error) => e);
  if (server instanceof Error) return context.skip(server.message); // describePostgres already says why
  await server.stop();
  expect(await canConnect(server.url)).toBe(false);
  expect(server.caFile && existsSync(server.caFile)).toBeFalsy();
});
