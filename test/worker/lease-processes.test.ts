import type { ChildProcess } from 'node:child_process';
import { hostname } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it, onTestFinished } from 'vitest';
import { cliEnv, collect, runCli, spawnCli } from '../helpers/cli.js';
import { startStalledServer } from '../helpers/stalled-server.js';
import { tempDir } from '../helpers/temp-dir.js';

/*
 * The worker lease across real processes. Each holder is an `issuetrack sync` whose Zendesk has
 * stalled, so it stays in flight, holding the lease, until it is signalled or killed.
 */

async function setup({ fresh = false } = {}) {
  const home = tempDir();
  const zendesk = await startStalledServer();
  const db = join(home, 'lease.db');
  const env = cliEnv(home, { ZENDESK_URL: zendesk.url, ZENDESK_EMAIL: 'a@example.test', ZENDESK_API_TOKEN: 'tok' });
  if (!fresh) expect((await runCli(['trends', '--db', db], { env })).exitCode).toBe(0); // creates the database
  return { db, env, zendesk };
}

function readWorker(db: string) {
  const sqlite = new BetterSqlite3(db, { readonly: true });
  try {
    return sqlite.prepare('SELECT status, run_id, pid, error FROM worker_status').get() as { status: string; run_id: string; pid: number; error: string | null };
  } finally {
    sqlite.close();
  }
}

function readRun(db: string, id: string) {
  const sqlite = new BetterSqlite3(db, { readonly: true });
  try {
    return sqlite.prepare('SELECT status, error, exit_code FROM runs WHERE id = ?').get(id) as { status: string; error: string | null; exit_code: number | null };
  } finally {
    sqlite.close();
  }
}

async function waitFor<T>(what: string, probe: () => T | undefined | false, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

function killOnFinish(child: ChildProcess) {
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
}

describe('the worker lease across processes', () => {
  it('lets exactly one of 8 runs racing on a new database work; the other 7 exit 75 naming the holder', async () => {
    const { db, env, zendesk } = await setup({ fresh: true }); // they race for the schema too
    const children = Array.from({ length: 8 }, () => spawnCli(['sync', '--db', db], { env }));
    children.forEach(killOnFinish);
    const results = children.map((c) => collect(c));
    const exited = await waitFor('seven racers to exit', () => (children.filter((c) => c.exitCode !== null).length >= 7 ? true : undefined));
    expect(exited).toBe(true);
    await new Promise((r) => setTimeout(r, 300)); // a second winner would have shown up by now
    const running = children.filter((c) => c.exitCode === null);
    expect(running).toHaveLength(1);
    const holder = running[0]!;
    const worker = readWorker(db);
    expect(worker).toMatchObject({ status: 'running', pid: holder.pid });
    // The holder works: it reaches Zendesk (waited for: under load its first request can come late).
    expect(await waitFor('the holder to reach Zendesk', () => zendesk.requests() >= 1)).toBe(true);

    holder.kill('SIGTERM');
    const all = await Promise.all(results);
    const busy = all.filter((r) => r.exitCode === 75);
    expect(busy, JSON.stringify(all.map((r) => [r.exitCode, r.stderr]))).toHaveLength(7);
    for (const r of busy) {
      expect(r.stderr).toMatch(new RegExp(`^issuetrack: worker busy: sync run ${worker.run_id} by ${holder.pid}@\\S+ since \\S+; try again later\\n$`));
    }
    expect(all.filter((r) => r.exitCode === 143)).toHaveLength(1);
  });

  it('records a SIGTERMed run as cancelled, releases the lease and exits 143', async () => {
    const { db, env } = await setup();
    const child = spawnCli(['sync', '--db', db], { env });
    killOnFinish(child);
    const result = collect(child);
    const worker = await waitFor('the run to start', () => {
      const w = readWorker(db);
      return w.status === 'running' ? w : undefined;
    });
    child.kill('SIGTERM');
    const { exitCode, stderr } = await result;
    expect(exitCode).toBe(143);
    expect(stderr).toBe('issuetrack: interrupted by SIGTERM\n');
    expect(readRun(db, worker.run_id)).toEqual({ status: 'cancelled', error: 'cancelled: interrupted by SIGTERM', exit_code: 143 });
    expect(readWorker(db).status).toBe('cancelled');
    // The lease is free: the next run starts at once (and is stopped the same way).
    const next = spawnCli(['sync', '--db', db], { env });
    killOnFinish(next);
    const nextResult = collect(next);
    await waitFor('the next run to start', () => readWorker(db).pid === next.pid);
    next.kill('SIGINT');
    expect((await nextResult).exitCode).toBe(130);
  });

  it('takes over from a SIGKILLed holder and records its run abandoned', async () => {
    const { db, env } = await setup();
    const victim = spawnCli(['sync', '--db', db], { env });
    killOnFinish(victim);
    const victimResult = collect(victim);
    const before = await waitFor('the victim to hold the lease', () => {
      const w = readWorker(db);
      return w.status === 'running' && w.pid === victim.pid ? w : undefined;
    });
    victim.kill('SIGKILL');
    await victimResult;
    expect(readWorker(db)).toMatchObject({ status: 'running', pid: victim.pid }); // nothing ran on the way out
    // A reader tells the truth at once, without waiting for the next run (and writes nothing).
    const status = JSON.parse((await runCli(['status', '--json', '--db', db], { env })).stdout);
    expect(status.worker).toMatchObject({ status: 'failed', pid: victim.pid, error: `abandoned: process ${victim.pid}@${hostname()} is gone` });
    expect(status.jobs.find((j: { name: string }) => j.name === 'pipeline')).toBeDefined();
    expect(readWorker(db)).toMatchObject({ status: 'running', pid: victim.pid });

    const successor = spawnCli(['sync', '--db', db], { env });
    killOnFinish(successor);
    const successorResult = collect(successor);
    await waitFor('the successor to take the lease', () => readWorker(db).pid === successor.pid);
    const abandoned = readRun(db, before.run_id);
    expect(abandoned.status).toBe('failed');
    expect(abandoned.error).toBe(`abandoned: process ${victim.pid}@${hostname()} is gone`);
    successor.kill('SIGTERM');
    expect((await successorResult).exitCode).toBe(143);
  });
});
