import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ZendeskModel } from '../../src/sandbox/zendesk-model.js';
import { CLI_PATH, cliEnv, collect, runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import { fakeZendesk, zendeskEnv } from '../zendesk/sync-harness.js';
import { openStore } from '../../src/store/open-store.js';
import { seedTickets } from '../helpers/seed-tickets.js';

const READ_COMMANDS = [['status'], ['status', '--json'], ['issues'], ['report'], ['export', 'tickets'], ['export', 'issues']];
const ALL_COMMANDS = [...READ_COMMANDS, ['sync'], ['analyze'], ['trends'], ['pipeline'], ['demo']];

/** Every file in `dir` with its bytes: what "left unchanged" means. */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).sort().map((name) => [name, readFileSync(join(dir, name)).toString('base64')]));
}

function setup() {
  const home = tempDir();
  const data = join(home, 'data-dir');
  mkdirSync(data);
  return { home, data, env: cliEnv(home) };
}

/** A real issuetrack database, made by the CLI itself, with 400 tickets and their comments. */
async function issuetrackDatabase(path: string, env: Record<string, string>) {
  expect((await runCli(['trends', '--db', path], { env })).exitCode).toBe(0);
  const store = openStore(path);
  seedTickets(
    store,
    Array.from({ length: 400 }, (_, i) => ({ id: i + 1, subject: `Export to CSV times out ${i}`, description: 'The CSV export of a large report never finishes. '.repeat(20) })),
  );
  await store.close();
}

// Each case runs the CLI a dozen times; a loaded machine needs more than the default minute.
describe('storage faults (real files, real processes)', { timeout: 240_000 }, () => {
  it('status --db on a path with nothing there says so, in text and JSON, and creates nothing', async () => {
    const { data, env } = setup();
    const path = join(data, 'typo.db');
    const text = await runCli(['status', '--db', path], { env });
    expect(text.exitCode).toBe(0);
    expect(text.stdout).toContain(`no database at ${path} (a task creates it: issuetrack sync)`);
    // A task never makes a folder: a path whose folder is missing is not a database still to come.
    const noFolder = join(data, 'no-such-folder', 'typo.db');
    expect((await runCli(['status', '--db', noFolder], { env })).stdout).toContain(`no database at ${noFolder} (its folder does not exist)`);
    const json = await runCli(['status', '--json', '--db', path], { env });
    expect(JSON.parse(json.stdout).database).toEqual({ path, exists: false, writable: true });
    for (const command of [['issues'], ['report'], ['export', 'tickets']]) {
      const result = await runCli([...command, '--db', path], { env });
      expect(result.exitCode).toBe(78);
      expect(result.stderr).toBe(`issuetrack: no database at ${path}: a task creates it (issuetrack sync), or try issuetrack demo --db ${path}\n`);
    }
    expect(readdirSync(data)).toEqual([]);
  });

  it('refuses another application\'s SQLite file with 78 for every command, demo included, and leaves it byte for byte', async () => {
    const { data, env } = setup();
    const path = join(data, 'other-app.sqlite');
    const other = new BetterSqlite3(path);
    other.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('mine');");
    other.close();
    const before = snapshot(data);
    for (const command of ALL_COMMANDS) {
      const result = await runCli([...command, '--db', path], { env });
      expect({ command, exitCode: result.exitCode }).toEqual({ command, exitCode: 78 });
      expect(result.stderr).toBe(`issuetrack: ${path} is an SQLite database of another application (tables: notes); issuetrack leaves it untouched: give another --db\n`);
      expect(snapshot(data)).toEqual(before);
    }
  });

  it('reads an issuetrack database without migrating it, switching its journal or leaving a file behind', async () => {
    const { data, env } = setup();
    const path = join(data, 'it.db');
    await issuetrackDatabase(path, env);
    const before = snapshot(data);
    for (const command of READ_COMMANDS) {
      const result = await runCli([...command, '--db', path], { env });
      expect({ command, exitCode: result.exitCode }).toEqual({ command, exitCode: 0 });
      expect(snapshot(data)).toEqual(before);
    }
    // An older schema is named, not upgraded, by a read-only command.
    const sqlite = new BetterSqlite3(path);
    sqlite.pragma('user_version = 3');
    sqlite.close();
    const older = snapshot(data);
    const status = await runCli(['status', '--db', path], { env });
    expect(status.exitCode).toBe(78);
    expect(status.stderr).toMatch(/^issuetrack: database .* has schema 3 and this issuetrack reads \d+: run a task once \(issuetrack trends\) to upgrade it; read-only commands never change the file\n$/);
    expect(snapshot(data)).toEqual(older);
  });

  it('gives 78 and no partial output on a damaged file for every command that prints what it holds', async () => {
    const { data, env } = setup();
    const path = join(data, 'it.db');
    await issuetrackDatabase(path, env);
    // Scribble over pages in the middle of the file, as a failing disk or a stray write would.
    const bytes = readFileSync(path);
    for (let at = Math.floor(bytes.length / 3); at < (bytes.length * 2) / 3; at += 40_960) bytes.fill(0xde, at, at + 1024);
    writeFileSync(path, bytes);
    for (const command of [['issues'], ['report'], ['export', 'tickets'], ['export', 'issues']]) {
      const result = await runCli([...command, '--db', path], { env });
      expect({ command, exitCode: result.exitCode, stdout: result.stdout }).toEqual({ command, exitCode: 78, stdout: '' });
      expect(result.stderr).toMatch(/^issuetrack: .*(damaged|malformed).*\n$/);
    }
  });

  it('refuses an in-memory database and a folder given as the database, in one line', async () => {
    const { data, env } = setup();
    const memory = await runCli(['trends'], { env: { ...env, DATABASE_URL: ':memory:' }, cwd: data });
    expect(memory.exitCode).toBe(78);
    expect(memory.stderr).toBe('issuetrack: an in-memory database (:memory:) would lose everything when the command ends: give a file path\n');
    const folder = await runCli(['trends', '--db', 'dir/'], { env, cwd: data });
    expect(folder.exitCode).toBe(78);
    expect(folder.stderr).toBe('issuetrack: database path dir/ names a folder: give a file inside it, like dir/issuetrack.db\n');
    expect(readdirSync(data)).toEqual([]);
  });

  it('gives 64 and one line for a window past any date and an export into a folder', async () => {
    const { data, env } = setup();
    const path = join(data, 'it.db');
    expect((await runCli(['trends', '--db', path], { env })).exitCode).toBe(0);
    const since = await runCli(['issues', '--since', '99999999999999w', '--db', path], { env });
    expect(since.exitCode).toBe(64);
    expect(since.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(since.stderr).toMatch(/at most 100 years/);
    const out = await runCli(['export', 'tickets', '--out', data, '--db', path], { env });
    expect(out.exitCode).toBe(64);
    expect(out.stderr).toBe(`issuetrack: --out ${data} is a folder, not a file: name a file, like ${join(data, 'export.jsonl')}\n`);
  });

  it('names a full disk during sync in one line, records the run failed and frees the lease', async () => {
    const fake = await fakeZendesk({ model: new ZendeskModel().seed(600, 6) });
    const { data, env } = setup();
    const path = join(data, 'it.db');
    const withZendesk = { ...env, ...zendeskEnv(fake) };
    expect((await runCli(['trends', '--db', path], { env })).exitCode).toBe(0);
    // RLIMIT_FSIZE stands in for a full disk: a write past 400 KB fails as on a full file system
    // (the synced database is ~600 KB, its write-ahead log more).
    const child = spawn('sh', ['-c', `ulimit -f 800 && exec "$0" "$@"`, process.execPath, CLI_PATH, 'sync', '--db', path], { env: withZendesk, stdio: ['ignore', 'pipe', 'pipe'] });
    const full = await collect(child);
    expect(full.stderr).not.toMatch(/this is a bug|cannot rollback/);
    expect(full.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(full.stderr).toMatch(/^issuetrack: database (write failed, the disk is full|I\/O failed): /);
    expect([1]).toContain(full.exitCode);
    const status = JSON.parse((await runCli(['status', '--json', '--db', path], { env })).stdout);
    // Recorded failed by the run itself, or (when even that write failed) seen dead by the reader.
    expect(status.worker, JSON.stringify(status.worker)).toMatchObject({ status: 'failed', error: expect.stringMatching(/database|abandoned/) });
    const sqlite = new BetterSqlite3(path, { readonly: true });
    const run = sqlite.prepare("SELECT status, error, exit_code FROM runs WHERE task = 'sync'").get() as { status: string; error: string };
    sqlite.close();
    expect(['failed', 'running']).toContain(run.status); // running: the next run records it abandoned
    // With room again the next run completes: nothing was lost or left locked.
    const next = await runCli(['sync', '--db', path], { env: withZendesk });
    expect(next.exitCode).toBe(0);
  });
});

describe('a database this user may only read', { timeout: 240_000 }, () => {
  const root = process.getuid?.() === 0;

  /** Runs the CLI as a user who cannot write `paths`: nobody when we are root, else after chmod. */
  async function runAsReader(args: string[], env: Record<string, string>, paths: string[]) {
    if (!root) for (const p of paths) chmodSync(p, existsSync(p) && readdirSafe(p) ? 0o555 : 0o444);
    const child = spawn(process.execPath, [CLI_PATH, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'], ...(root ? { uid: 65534, gid: 65534 } : {}) });
    try {
      return await collect(child);
    } finally {
      if (!root) for (const p of paths) chmodSync(p, readdirSafe(p) ? 0o755 : 0o644);
    }
  }

  function readdirSafe(p: string): boolean {
    try {
      readdirSync(p);
      return true;
    } catch {
      return false;
    }
  }

  for (const which of ['file', 'folder'] as const) {
    it(`lets status and issues read it and refuses tasks with 78 naming the cause (read-only ${which})`, async () => {
      const { home, data, env } = setup();
      const path = join(data, 'it.db');
      await issuetrackDatabase(path, env);
      // The reader needs to reach the files; only `which` is closed to writing.
      chmodSync(home, 0o755);
      chmodSync(data, which === 'folder' ? 0o755 : 0o777);
      chmodSync(path, which === 'file' ? 0o644 : 0o666);
      mkdirSync(join(home, 'state'), { recursive: true, mode: 0o777 });
      chmodSync(join(home, 'state'), 0o777);
      const closed = [which === 'file' ? path : data];
      const before = snapshot(data);

      const status = await runAsReader(['status', '--json', '--db', path], env, closed);
      expect(status.exitCode, status.stderr).toBe(0);
      expect(JSON.parse(status.stdout).database).toEqual({ path, exists: true, writable: false });
      const text = await runAsReader(['status', '--db', path], env, closed);
      expect(text.stdout).toContain(`${path} (read-only)`);
      expect((await runAsReader(['issues', '--db', path], env, closed)).exitCode).toBe(0);

      const task = await runAsReader(['trends', '--db', path], env, closed);
      expect(task.exitCode).toBe(78);
      expect(task.stderr).toBe(
        `issuetrack: database ${path} is read-only (the file or its folder is not writable by this user): tasks write to it; status, issues, report and export can still read it\n`,
      );
      expect(snapshot(data)).toEqual(before);
    });
  }
});
