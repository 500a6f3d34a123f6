import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import type { Dialect } from '../../src/store/database-target.js';
import { cliEnv, runCli, startCli } from '../helpers/cli.js';
import { describeEachDialect, newDatabase, openReader } from '../helpers/dialects.js';
import { readRun, readWorker, waitForHolder } from '../helpers/lease-readers.js';
import { startStalledServer } from '../helpers/stalled-server.js';
import { tempDir } from '../helpers/temp-dir.js';
import { waitFor } from '../helpers/wait-for.js';

/*
 * The worker lease across real processes. Each holder is an `issuetrack sync` whose Zendesk has
 * stalled, so it stays in flight, holding the lease, until it is signalled or killed. The test
 * reads the lease and the runs through a store of its own, as `status` would.
 */

/** A stalled Zendesk and a database not created yet (the first run creates it). */
async function freshSetup(dialect: Dialect) {
  const home = tempDir();
  const zendesk = await startStalledServer();
  const db = await newDatabase(dialect, home, 'lease.db');
  const env = cliEnv(home, { ISSUETRACK_DB: db, ZENDESK_URL: zendesk.url, ZENDESK_EMAIL: 'a@example.test', ZENDESK_API_TOKEN: 'tok' });
  return { db, env, zendesk };
}

/** freshSetup with the database created, and the test's reader over it. */
async function setup(dialect: Dialect) {
  const fresh = await freshSetup(dialect);
  expect((await runCli(['trends'], { env: fresh.env })).exitCode).toBe(0);
  return { ...fresh, store: await openReader(fresh.db) };
}

// SQLite only: eight processes racing for a new file's schema and lease. PostgreSQL's race (from
// two hosts, for a new database) is lease-hosts.test.ts's first case.
describe('the worker lease across processes', () => {
  it('lets exactly one of 8 runs racing on a new database work; the other 7 exit 75 naming the holder', async () => {
    const { db, env, zendesk } = await freshSetup('sqlite'); // they race for the schema too
    const racers = Array.from({ length: 8 }, () => startCli(['sync'], { env }));
    await waitFor('seven racers to exit', () => racers.filter((r) => r.child.exitCode !== null).length >= 7);
    const running = racers.filter((r) => r.child.exitCode === null);
    expect(running).toHaveLength(1);
    const holder = running[0]!.child;
    const worker = await readWorker(await openReader(db));
    expect(worker).toMatchObject({ status: 'running', pid: holder.pid });
    // The holder works: it reaches Zendesk (waited for: under load its first request can come late).
    expect(await waitFor('the holder to reach Zendesk', () => zendesk.requests() >= 1)).toBe(true);

    holder.kill('SIGTERM');
    const all = await Promise.all(racers.map((r) => r.result));
    const busy = all.filter((r) => r.exitCode === 75);
    expect(busy, JSON.stringify(all.map((r) => [r.exitCode, r.stderr]))).toHaveLength(7);
    for (const r of busy) {
      expect(r.stderr).toMatch(new RegExp(`^issuetrack: worker busy: sync run ${worker.run_id} by ${holder.pid}@\\S+ since \\S+; try again later\\n$`));
    }
    expect(all.filter((r) => r.exitCode === 143)).toHaveLength(1);
  });
});

describeEachDialect('the worker lease across signalled processes', (dialect) => {
  it('records a SIGTERMed run as cancelled, releases the lease and exits 143', async () => {
    const { env, store } = await setup(dialect);
    const run = startCli(['sync'], { env });
    const worker = await waitForHolder(store, run.child.pid, 'the run to start');
    run.child.kill('SIGTERM');
    const { exitCode, stderr } = await run.result;
    expect(exitCode).toBe(143);
    expect(stderr).toBe('issuetrack: interrupted by SIGTERM\n');
    expect(await readRun(store, worker.run_id)).toEqual({ status: 'cancelled', error: 'cancelled: interrupted by SIGTERM', exit_code: 143, host: hostname() });
    expect((await readWorker(store)).status).toBe('cancelled');
    // The lease is free: the next run starts at once (and is stopped the same way).
    const next = startCli(['sync'], { env });
    await waitForHolder(store, next.child.pid, 'the next run to start');
    next.child.kill('SIGINT');
    expect((await next.result).exitCode).toBe(130);
  });

  it('takes over from a SIGKILLed holder on the same host and records its run abandoned; another host must wait for the lease', async () => {
    const { env, store } = await setup(dialect);
    const victim = startCli(['sync'], { env });
    const before = await waitForHolder(store, victim.child.pid, 'the victim to hold the lease');
    victim.child.kill('SIGKILL');
    await victim.result;
    const abandoned = `abandoned: process ${victim.child.pid}@${hostname()} is gone`;
    expect(await readWorker(store)).toMatchObject({ status: 'running', pid: victim.child.pid, host: hostname() }); // nothing ran on the way out
    // A reader tells the truth at once, without waiting for the next run (and writes nothing).
    const status = JSON.parse((await runCli(['status', '--json'], { env })).stdout);
    expect(status.worker).toMatchObject({ status: 'failed', pid: victim.child.pid, error: abandoned });
    expect(status.jobs.find((j: { name: string }) => j.name === 'pipeline')).toBeDefined();
    expect(await readWorker(store)).toMatchObject({ status: 'running', pid: victim.child.pid });
    // Another host cannot see the victim's processes: its heartbeat is fresh, so the lease holds there.
    const elsewhere = await runCli(['sync'], { env: { ...env, ISSUETRACK_HOSTNAME: 'another-host' } });
    expect(elsewhere.exitCode, elsewhere.stderr).toBe(75);

    const successor = startCli(['sync'], { env });
    await waitForHolder(store, successor.child.pid, 'the successor to take the lease');
    expect(await readRun(store, before.run_id)).toMatchObject({ status: 'failed', error: abandoned });
    successor.child.kill('SIGTERM');
    expect((await successor.result).exitCode).toBe(143);
  });
});
