import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** A throwaway PostgreSQL cluster on 127.0.0.1, owned by this test run. */
export interface PostgresServer {
  /** Superuser URL (trust auth on loopback, no password) to the `postgres` database. */
  url: string;
  port: number;
  /** The CA that signed the server's certificate (for sslmode=verify-full), when TLS is on. */
  caFile?: string;
  /** The major version found, e.g. 15. */
  version: number;
  /** Stops the server and deletes its folder. Idempotent. */
  stop(): Promise<void>;
}

/** Members of this role log in with a password (scram-sha-256); every other role is trusted. */
export const PASSWORD_GROUP = 'password_login';

/** Why no server can start here, or undefined when one can. Cheap: looks at files only. */
export function postgresUnavailableReason(): string | undefined {
  if (!findPostgresBin()) return 'no PostgreSQL binaries under /usr/lib/postgresql (apt-get install -y postgresql)';
  if (process.getuid?.() === 0 && runAsPostgres() === undefined) return "running as root and there is no 'postgres' user to run the server as";
  return undefined;
}

/** The newest Debian PostgreSQL bin folder (/usr/lib/postgresql/<major>/bin), or undefined. */
export function findPostgresBin(): { bin: string; version: number } | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .map(Number)
    .filter((v) => Number.isInteger(v) && existsSync(join(root, String(v), 'bin', 'postgres')))
    .sort((a, b) => b - a);
  return versions[0] === undefined ? undefined : { bin: join(root, String(versions[0]), 'bin'), version: versions[0] };
}

/** PostgreSQL refuses to run as root: as root we run it as the Debian package's `postgres` user. */
function runAsPostgres(): { uid?: number; gid?: number } | undefined {
  if (process.getuid?.() !== 0) return {};
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    return undefined;
  }
}

/**
 * initdb into a fresh temp folder and start `postgres` on a free loopback port, tuned for tests
 * (no fsync, no synchronous commit). Throws with the reason (initdb's error, the server log's
 * tail) when no server can start. Tries three ports: another process may take the free one first.
 */
export async function startPostgresServer(): Promise<PostgresServer> {
  const why = postgresUnavailableReason();
  if (why) throw new Error(why);
  const { bin, version } = findPostgresBin()!;
  const owner = runAsPostgres()!;
  for (let attempt = 1; ; attempt++) {
    const dir = initCluster(bin, owner);
    const caFile = makeCertificates(dir, owner);
    const port = await freePort();
    const watchdog = spawnWatchdog(bin, dir, port, caFile !== undefined, owner);
    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    if (await waitReady(url, watchdog)) {
      await createPasswordGroup(url);
      return { url, port, caFile, version, stop: () => watchdog.stop() };
    }
    const log = logTail(dir);
    await watchdog.stop();
    if (attempt === 3) throw new Error(`PostgreSQL did not start: ${log}`);
  }
}

/** A new cluster in a new temp folder, owned by `owner`; the folder is gone again if initdb fails. */
function initCluster(bin: string, owner: { uid?: number; gid?: number }): string {
  const dir = mkdtempSync(join(tmpdir(), 'issuetrack-pg-'));
  try {
    if (owner.uid !== undefined) chownSync(dir, owner.uid, owner.gid!);
    const args = ['-D', join(dir, 'data'), '-U', 'postgres', '--auth=trust', '--no-sync', '--no-locale', '-E', 'UTF8'];
    execFileSync(join(bin, 'initdb'), args, { ...owner, stdio: ['ignore', 'ignore', 'pipe'] });
    writeFileSync(join(dir, 'data', 'pg_hba.conf'), hbaConf());
    return dir;
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    const stderr = error instanceof Error && 'stderr' in error ? String(error.stderr).trim() : String(error);
    throw new Error(`initdb failed: ${stderr}`);
  }
}

/** Trust on loopback and the socket, except members of PASSWORD_GROUP, who need their password. */
function hbaConf(): string {
  return [
    'local all all trust',
    `host all +${PASSWORD_GROUP} 127.0.0.1/32 scram-sha-256`,
    'host all all 127.0.0.1/32 trust',
    '',
  ].join('\n');
}

/** A one-day CA and a server certificate for localhost/127.0.0.1 (EC keys: fast). Undefined without openssl. */
function makeCertificates(dir: string, owner: { uid?: number; gid?: number }): string | undefined {
  const run = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  try {
    run(['req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.crt', '-subj', '/CN=issuetrack test CA', '-days', '1']);
    run(['req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=localhost']);
    writeFileSync(join(dir, 'san.ext'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\n');
    run(['x509', '-req', '-in', 'server.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.crt', '-days', '1', '-extfile', 'san.ext']);
  } catch {
    return undefined;
  }
  // The server reads its key as its own user and refuses a key others can read.
  chmodSync(join(dir, 'server.key'), 0o600);
  if (owner.uid !== undefined) for (const file of ['server.key', 'server.crt']) chownSync(join(dir, file), owner.uid, owner.gid!);
  return join(dir, 'ca.crt');
}

/*
 * The server runs under a small shell that reads its stdin: when that pipe closes (stop(), or this
 * process dying, even by SIGKILL) the shell stops the server and deletes the folder, so a crashed
 * test run leaves no server and no files behind. It ignores INT/TERM/HUP so a Ctrl-C to the
 * process group cannot kill it before it has cleaned up, but gives the server back TERM and HUP
 * (its children stop on TERM in a fast shutdown). A background job's stdin is /dev/null in sh, so
 * the watcher reads the pipe through fd 3. It prints "exited" when the server does.
 */
const WATCHDOG = `
  trap '' INT TERM HUP
  pg="$0"; dir="$1"; shift
  exec 3<&0
  (trap - TERM HUP; exec "$pg" -D "$dir/data" "$@" </dev/null >"$dir/postgres.log" 2>&1 3<&-) &
  pid=$!
  { cat <&3 >/dev/null; kill -INT $pid 2>/dev/null; while kill -0 $pid 2>/dev/null; do sleep 0.1; done; rm -rf "$dir"; } &
  wait $pid
  echo exited
  wait`;

interface Watchdog {
  /** True once the server process has exited. */
  exited(): boolean;
  /** Stops the server, deletes its folder, and resolves when both are done. */
  stop(): Promise<void>;
}

function spawnWatchdog(bin: string, dir: string, port: number, tls: boolean, owner: { uid?: number; gid?: number }): Watchdog {
  const settings: Record<string, string> = {
    listen_addresses: '127.0.0.1',
    port: String(port),
    unix_socket_directories: dir,
    fsync: 'off',
    synchronous_commit: 'off',
    full_page_writes: 'off',
    autovacuum: 'off',
    max_connections: '300',
    ...(tls ? { ssl: 'on', ssl_cert_file: join(dir, 'server.crt'), ssl_key_file: join(dir, 'server.key') } : {}),
  };
  const args = Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`]);
  const child: ChildProcess = spawn('/bin/sh', ['-c', WATCHDOG, join(bin, 'postgres'), dir, ...args], { ...owner, stdio: ['pipe', 'pipe', 'ignore'] });
  let serverExited = false;
  child.stdout!.on('data', () => (serverExited = true));
  const done = new Promise<void>((resolve) => child.once('close', () => resolve()));
  return {
    exited: () => serverExited || child.exitCode !== null,
    stop: () => {
      child.stdin!.end();
      return done;
    },
  };
}

async function waitReady(url: string, watchdog: Watchdog): Promise<boolean> {
  const deadline = Date.now() + 60_000;
  while (!watchdog.exited() && Date.now() < deadline) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return true;
    } catch {
      await client.end().catch(() => undefined);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return false;
}

async function createPasswordGroup(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE ROLE ${PASSWORD_GROUP} NOLOGIN`);
  } finally {
    await client.end();
  }
}

function logTail(dir: string): string {
  try {
    return readFileSync(join(dir, 'postgres.log'), 'utf8').trim().split('\n').slice(-3).join(' / ');
  } catch {
    return 'no log';
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
