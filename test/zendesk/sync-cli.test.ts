import { hostname } from 'node:os';
import { expect, it } from 'vitest';
import type { Dialect } from '../../src/store/database-target.js';
import { acquireLease } from '../../src/worker/lease.js';
import { seededRandom } from '../../src/sandbox/seeded-random.js';
import { ZendeskModel } from '../../src/sandbox/zendesk-model.js';
import { TEST_CREDENTIALS, type FakeZendesk } from '../../src/sandbox/zendesk-server.js';
import { cliEnv, collect, runCli, spawnCli } from '../helpers/cli.js';
import { describeEachDialect, newDatabase, openReader } from '../helpers/dialects.js';
import { tempDir } from '../helpers/temp-dir.js';
import { expectedState, fakeZendesk, storedState } from './sync-harness.js';

async function setup(dialect: Dialect, fake: FakeZendesk, auth: Record<string, string> = { ZENDESK_EMAIL: TEST_CREDENTIALS.email, ZENDESK_API_TOKEN: TEST_CREDENTIALS.apiToken }) {
  const home = tempDir();
  const db = await newDatabase(dialect, home);
  const env = cliEnv(home, {
    ISSUETRACK_DB: db,
    ZENDESK_URL: fake.url,
    ISSUETRACK_ZENDESK_TIMEOUT_MS: '1000',
    ISSUETRACK_ZENDESK_RETRY_BASE_MS: '5',
    ISSUETRACK_ZENDESK_RETRY_MAX_MS: '50',
    ...auth,
  });
  return { db, env };
}

describeEachDialect('issuetrack sync (subprocess)', (dialect) => {
  it('prints the run record with the stable result fields under --json', async () => {
    const fake = await fakeZendesk({ model: new ZendeskModel().seed(40) });
    const { env, db } = await setup(dialect, fake);
    const result = await runCli(['sync', '--json'], { env });
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    const record = JSON.parse(result.stdout);
    expect(record).toMatchObject({ task: 'sync', status: 'completed', error: null });
    expect(Object.keys(record.result)).toEqual(expect.arrayContaining(['tickets_fetched', 'tickets_upserted', 'tickets_deleted', 'comments_fetched']));
    expect(await storedState(await openReader(db))).toEqual(expectedState(fake.model));
  });

  it('exits 77 with one stderr line carrying Zendesk message on bad credentials', async () => {
    const fake = await fakeZendesk({ model: new ZendeskModel().seed(3) });
    const { env } = await setup(dialect, fake, { ZENDESK_EMAIL: TEST_CREDENTIALS.email, ZENDESK_API_TOKEN: 'not-the-token' });
    const result = await runCli(['sync'], { env });
    expect(result.exitCode).toBe(77);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^issuetrack: Zendesk rejected the credentials \(401 from 127\.0\.0\.1:\d+\): Couldn't authenticate you$/);
    expect(result.stderr).not.toContain('not-the-token');
  });

  it('exits 78 when no Zendesk host is configured', async () => {
    const fake = await fakeZendesk();
    const { env } = await setup(dialect, fake);
    const result = await runCli(['sync'], { env: { ...env, ZENDESK_URL: '' } });
    expect(result.exitCode).toBe(78);
    expect(result.stderr).toMatch(/ZENDESK_SUBDOMAIN/);
  });

  it('exits 75 while another run holds the lease', async () => {
    const fake = await fakeZendesk({ model: new ZendeskModel().seed(3) });
    const { env, db } = await setup(dialect, fake);
    const store = await openReader(db);
    const claim = await acquireLease(store, {
      runId: 'r_holder',
      task: 'analyze',
      params: {},
      pid: process.pid,
      host: hostname(),
      nowMs: Date.now(),
      leaseMs: 600_000,
      isPidAlive: () => true,
    });
    expect(claim.acquired).toBe(true);
    const result = await runCli(['sync'], { env });
    expect(result.exitCode).toBe(75);
    expect(result.stderr).toMatch(/^issuetrack: worker busy: analyze run r_holder/);
    expect(fake.stats.requests).toBe(0);
  });

  it('converges to the exact data after being SIGKILLed at random moments and rerun', async () => {
    const fake = await fakeZendesk({ model: new ZendeskModel({ seed: 5 }).seed(3000, 2), duplicates: true, emptyPageRate: 0.2 });
    const { env, db } = await setup(dialect, fake);
    const random = seededRandom(2026);
    let killed = 0;
    for (let i = 0; i < 5; i++) {
      // Killed once the stand-in has served a random number of this run's requests: the kill lands
      // in the export, the comment phase or between, however fast the machine (a delay in ms let
      // a whole sync finish first on a fast one). A run that needs fewer requests finishes.
      const target = fake.stats.requests + 1 + Math.floor(random() * 12);
      const child = spawnCli(['sync'], { env });
      child.stdin!.end();
      const done = collect(child);
      const poll = setInterval(() => {
        if (fake.stats.requests >= target) child.kill('SIGKILL');
      }, 1);
      const result = await done;
      clearInterval(poll);
      if (result.signal === 'SIGKILL') killed++;
      else expect(result.exitCode).toBe(0);
    }
    expect(killed).toBeGreaterThan(0);
    const final = await runCli(['sync', '--json'], { env });
    expect(final.exitCode).toBe(0);
    expect(await storedState(await openReader(db))).toEqual(expectedState(fake.model));
  });
});
