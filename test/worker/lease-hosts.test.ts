import type { ChildProcess } from 'node:child_process';
import { expect, it, onTestFinished } from 'vitest';
import { cliEnv, collect, runCli, spawnCli } from '../helpers/cli.js';
import { createDatabase, describePostgres, withClient } from '../helpers/postgres.js';
import { startStalledServer } from '../helpers/stalled-server.js';
import { tempDir } from '../helpers/temp-dir.js';

/*
 * The worker lease on PostgreSQL across real processes posing as two hosts (ISSUETRACK_HOSTNAME
 * names the host a run records). Each holder is an `issuetrack sync` whose Zendesk has stalled,
 * so it stays in flight, holding the lease, until it is signalled or killed.
 */

interface WorkerRow {
  status: string;
  run_id: string;
  pid: number;
  host: string;
  error: string | null;
}

async function setup({ leaseSeconds = 120, migrate = true } = {}) {
  const url = await createDatabase();
  const zendesk = await startStalledServer();
  const env = (host: string) =>
    cliEnv(tempDir(), { DATABASE_URL: url, ISSUETRACK_HOSTNAME: host, ISSUETRACK_LEASE_SECONDS: String(leaseSeconds), ZENDESK_URL: zendesk.url, ZENDESK_EMAIL: 'a@example.test', ZENDESK_API_TOKEN: 'tok' });
  if (migrate) expect((await runCli(['trends'], { env: env('host-a') })).exitCode).toBe(0);
  const worker = () => withClient(url, async (c) => (await c.query<WorkerRow>('SELECT status, run_id, pid::int AS pid, host, error FROM worker_status')).rows[0]);
  const run = (id: string) => withClient(url, async (c) => (await c.query('SELECT status, error, host FROM runs WHERE id = $1', [id])).rows[0]);
  return { url, env, worker, run, zendesk };
}

function start(args: string[], env: Record<string, string>): { child: ChildProcess; result: ReturnType<typeof collect> } {
  const child = spawnCli(args, { env });
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  return { child, result: collect(child) };
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describePostgres('the worker lease on PostgreSQL across hosts', () => {
  it('lets exactly one of 8 runs racing from two hosts on a new database work; the other 7 exit 75 naming the holder', async () => {
    const { env, worker } = await setup({ migrate: false }); // they race for the schema too
    const racers = Array.from({ length: 8 }, (_, i) => start(['sync'], env(i % 2 ? 'host-b' : 'host-a')));
    await waitFor('seven racers to exit', async () => racers.filter((r) => r.child.exitCode !== null).length >= 7);
    await new Promise((r) => setTimeout(r, 300)); // a second winner would have shown up by now
    const running = racers.filter((r) => r.child.exitCode === null);
    expect(running).toHaveLength(1);
    const holder = await worker();
    expect(holder).toMatchObject({ status: 'running', pid: running[0]!.child.pid });
    running[0]!.child.kill('SIGTERM');
    const all = await Promise.all(racers.map((r) => r.result));
    const busy = all.filter((r) => r.exitCode === 75);
    expect(busy, JSON.stringify(all.map((r) => [r.exitCode, r.stderr]))).toHaveLength(7);
    for (const r of busy) {
      expect(r.stderr).toBe(`issuetrack: worker busy: sync run ${holder!.run_id} by ${holder!.pid}@${holder!.host} since ${r.stderr.match(/since (\S+);/)![1]}; try again later\n`);
    }
    expect(all.filter((r) => r.exitCode === 143)).toHaveLength(1);
    expect((await worker())!.status).toBe('cancelled');
  });

  it("keeps a live holder's lease past its length by heartbeats; once the holder dies, the other host takes over after the lease expires", async () => {
    const { env, worker, run } = await setup({ leaseSeconds: 2 });
    const holder = start(['sync'], env('host-a'));
    const held = await waitFor('host-a to hold the lease', async () => {
      const w = await worker();
      return w?.status === 'running' && w.pid === holder.child.pid ? w : undefined;
    });
    await new Promise((r) => setTimeout(r, 3000)); // longer than the lease: only heartbeats keep it
    const refused = await runCli(['sync'], { env: env('host-b') });
    expect(refused.exitCode).toBe(75);
    expect(refused.stderr).toMatch(new RegExp(`^issuetrack: worker busy: sync run ${held.run_id} by ${holder.child.pid}@host-a since `));

    holder.child.kill('SIGKILL');
    await holder.result;
    // host-b cannot see host-a's processes: it waits for the heartbeat to go stale, then takes over.
    const successor = await waitFor('host-b to take the lease over', async () => {
      const next = start(['sync'], env('host-b'));
      // Either it exits 75 (the lease has not expired yet: try again) or it takes the lease.
      const took = await waitFor('the run to exit or hold the lease', async () =>
        next.child.exitCode !== null ? 'exited' : (await worker())?.pid === next.child.pid ? 'holds' : undefined,
      );
      if (took === 'holds') return next;
      expect((await next.result).exitCode).toBe(75);
      return undefined;
    }, 30_000);
    expect(await worker()).toMatchObject({ status: 'running', pid: successor.child.pid, host: 'host-b' });
    expect(await run(held.run_id)).toEqual({ status: 'failed', error: expect.stringMatching(/^abandoned: no heartbeat since /), host: 'host-a' });
    successor.child.kill('SIGTERM');
    expect((await successor.result).exitCode).toBe(143);
  });

  it('takes over at once on the same host when the holder process is gone, and records it abandoned', async () => {
    const { env, worker, run } = await setup();
    const victim = start(['sync'], env('host-a'));
    const before = await waitFor('the victim to hold the lease', async () => {
      const w = await worker();
      return w?.status === 'running' && w.pid === victim.child.pid ? w : undefined;
    });
    victim.child.kill('SIGKILL');
    await victim.result;
    expect((await runCli(['sync'], { env: env('host-b') })).exitCode).toBe(75); // another host must wait for the lease
    const status = JSON.parse((await runCli(['status', '--json'], { env: env('host-a') })).stdout);
    expect(status.worker).toMatchObject({ status: 'failed', error: `abandoned: process ${victim.child.pid}@host-a is gone` });
    const successor = start(['sync'], env('host-a'));
    await waitFor('the successor to take the lease', async () => (await worker())?.pid === successor.child.pid);
    expect(await run(before.run_id)).toMatchObject({ status: 'failed', error: `abandoned: process ${victim.child.pid}@host-a is gone` });
    successor.child.kill('SIGTERM');
    expect((await successor.result).exitCode).toBe(143);
  });
});
