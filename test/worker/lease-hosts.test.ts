import { expect, it } from 'vitest';
import { cliEnv, runCli, startCli } from '../helpers/cli.js';
import { openReader } from '../helpers/dialects.js';
import { readRun, readWorker, waitForHolder } from '../helpers/lease-readers.js';
import { createDatabase, describePostgres } from '../helpers/postgres.js';
import { startStalledServer } from '../helpers/stalled-server.js';
import { tempDir } from '../helpers/temp-dir.js';
import { waitFor } from '../helpers/wait-for.js';

/*
 * The worker lease on PostgreSQL across real processes posing as two hosts (ISSUETRACK_HOSTNAME
 * names the host a run records). Each holder is an `issuetrack sync` whose Zendesk has stalled,
 * so it stays in flight, holding the lease, until it is signalled or killed. The same-host
 * takeover (pid gone) runs on both databases in lease-processes.test.ts.
 */

async function setup({ leaseSeconds = 120, migrate = true } = {}) {
  const url = await createDatabase();
  const zendesk = await startStalledServer();
  const env = (host: string) =>
    cliEnv(tempDir(), { DATABASE_URL: url, ISSUETRACK_HOSTNAME: host, ISSUETRACK_LEASE_SECONDS: String(leaseSeconds), ZENDESK_URL: zendesk.url, ZENDESK_EMAIL: 'a@example.test', ZENDESK_API_TOKEN: 'tok' });
  if (migrate) expect((await runCli(['trends'], { env: env('host-a') })).exitCode).toBe(0);
  return { url, env, zendesk };
}

const start = (args: string[], env: Record<string, string>) => startCli(args, { env });

describePostgres('the worker lease on PostgreSQL across hosts', () => {
  it('lets exactly one of 8 runs racing from two hosts on a new database work; the other 7 exit 75 naming the holder', async () => {
    const { url, env } = await setup({ migrate: false }); // they race for the schema too
    const racers = Array.from({ length: 8 }, (_, i) => start(['sync'], env(i % 2 ? 'host-b' : 'host-a')));
    await waitFor('seven racers to exit', async () => racers.filter((r) => r.child.exitCode !== null).length >= 7);
    const running = racers.filter((r) => r.child.exitCode === null);
    expect(running).toHaveLength(1);
    const store = await openReader(url);
    const holder = await readWorker(store);
    expect(holder).toMatchObject({ status: 'running', pid: running[0]!.child.pid });
    running[0]!.child.kill('SIGTERM');
    const all = await Promise.all(racers.map((r) => r.result));
    const busy = all.filter((r) => r.exitCode === 75);
    expect(busy, JSON.stringify(all.map((r) => [r.exitCode, r.stderr]))).toHaveLength(7);
    for (const r of busy) {
      expect(r.stderr).toBe(`issuetrack: worker busy: sync run ${holder.run_id} by ${holder.pid}@${holder.host} since ${r.stderr.match(/since (\S+);/)![1]}; try again later\n`);
    }
    expect(all.filter((r) => r.exitCode === 143)).toHaveLength(1);
    expect((await readWorker(store)).status).toBe('cancelled');
  });

  it("keeps a live holder's lease past its length by heartbeats; once the holder dies, the other host takes over after the lease expires", async () => {
    // 8 s: long enough that a loaded machine stalling the holder a few seconds does not lose it the lease.
    const { url, env } = await setup({ leaseSeconds: 8 });
    const store = await openReader(url);
    const holder = start(['sync'], env('host-a'));
    const held = await waitForHolder(store, holder.child.pid, 'host-a to hold the lease');
    // Past the first lease's end: only heartbeats keep it.
    await waitFor('a heartbeat past the first lease', async () => Date.parse((await readWorker(store)).heartbeat_at) > Date.parse(held.lease_expires_at));
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
        next.child.exitCode !== null ? 'exited' : (await readWorker(store)).pid === next.child.pid ? 'holds' : undefined,
      );
      if (took === 'holds') return next;
      expect((await next.result).exitCode).toBe(75);
      return undefined;
    }, 30_000);
    expect(await readWorker(store)).toMatchObject({ status: 'running', pid: successor.child.pid, host: 'host-b' });
    expect(await readRun(store, held.run_id)).toMatchObject({ status: 'failed', error: expect.stringMatching(/^abandoned: no heartbeat since /), host: 'host-a' });
    successor.child.kill('SIGTERM');
    expect((await successor.result).exitCode).toBe(143);
  });
});
