import { expect, it } from 'vitest';
import { AuthError, UnavailableError } from '../../src/errors.js';
import { readExportState } from '../../src/store/sync/sync-queries.js';
import { ZendeskModel } from '../../src/sandbox/zendesk-model.js';
import { TEST_CREDENTIALS } from '../../src/sandbox/zendesk-server.js';
import { describeEachDialect, testDepsOf } from '../helpers/dialects.js';
import { createLongAgo, expectedState, fakeZendesk, onFirstProgress, runSync, storedState, zendeskEnv } from './sync-harness.js';

describeEachDialect('sync task', (dialect) => {
  const testDeps = (overrides: Parameters<typeof testDepsOf>[1] = {}) => testDepsOf(dialect, overrides);

  it('stores exactly the tickets and comments the fake holds after a full sync', async () => {
    const fake = await fakeZendesk({ model: new ZendeskModel().seed(2500), duplicates: true, emptyPageRate: 0.3 });
    const deps = await testDeps();
    const outcome = await runSync(deps, zendeskEnv(fake));
    expect(outcome.error).toBeUndefined();
    const expected = expectedState(fake.model);
    expect(await storedState(deps)).toEqual(expected);
    const r = outcome.record.result!;
    expect(r.tickets_upserted).toBe(2500);
    expect(r.comments_fetched).toBe(expected.comments.length);
    expect(r.tickets_fetched).toBeGreaterThanOrEqual(2500);
  });

  it('brings updates, new tickets, system updates and deletions over on the next run', async () => {
    const model = new ZendeskModel().seed(300);
    const fake = await fakeZendesk({ model, duplicates: true });
    const deps = await testDeps();
    expect((await runSync(deps, zendeskEnv(fake))).error).toBeUndefined();

    model.updateTicket(5, { subject: 'Changed subject' });
    model.addComment(7, { body: 'a new reply' });
    model.touchSystem(9);
    for (const id of [11, 12, 13]) model.deleteTicket(id);
    model.addTicket();
    model.addComment(model.addTicket().id);
    const second = await runSync(deps, zendeskEnv(fake));
    expect(second.error).toBeUndefined();
    expect(await storedState(deps)).toEqual(expectedState(model));
    const r = second.record.result!;
    expect(r.tickets_deleted).toBe(3);
    expect(r.tickets_upserted).toBe(8);
    // Only new or changed tickets have their conversation fetched again (deleted ones need none).
    expect(r.conversations_synced).toBe(5);

    const third = await runSync(deps, zendeskEnv(fake));
    expect(third.record.result).toMatchObject({ tickets_upserted: 0, tickets_deleted: 0, conversations_synced: 0 });
  });

  it('stores a NUL that Zendesk text carries as U+FFFD, on either database (PostgreSQL text cannot hold NUL)', async () => {
    const model = new ZendeskModel().seed(30);
    createLongAgo(model, 2); // conversations both whole and from the comment events
    const fake = await fakeZendesk({ model });
    const deps = await testDeps();
    expect((await runSync(deps, zendeskEnv(fake))).error).toBeUndefined();
    model.updateTicket(5, { subject: 'Export\u0000 fails \\u0000 literally' });
    model.addComment(6, { body: 'log line\u0000with a NUL' });
    model.addComment(7, { body: 'another\u0000one' });
    const outcome = await runSync(deps, zendeskEnv(fake));
    expect(outcome.error).toBeUndefined();
    const subject = await deps.db.selectFrom('tickets').select('subject').where('id', '=', 5).executeTakeFirstOrThrow();
    expect(subject.subject).toBe('Export\ufffd fails \\u0000 literally');
    const bodies = (await deps.db.selectFrom('comments').select('body').where('ticket_id', 'in', [6, 7]).execute()).map((c) => c.body);
    expect(bodies).toEqual(expect.arrayContaining(['log line\ufffdwith a NUL', 'another\ufffdone']));
    expect(bodies.some((b) => b.includes('\u0000'))).toBe(false);
  });

  it('converges to the exact data through 20% injected faults of every kind', async () => {
    const model = new ZendeskModel({ seed: 3 }).seed(1200);
    createLongAgo(model, 2); // half the conversations come whole, half from the comment events
    const fake = await fakeZendesk({ model, faults: { rate: 0.2, seed: 11 }, retryAfter: '0.01', duplicates: true, emptyPageRate: 0.2 });
    const deps = await testDeps();
    const outcome = await runSync(deps, zendeskEnv(fake));
    expect(outcome.error).toBeUndefined();
    expect(fake.stats.faults).toBeGreaterThan(100);
    expect(await storedState(deps)).toEqual(expectedState(fake.model));
    expect(outcome.record.result!.retries).toBeGreaterThan(0);
    expect(outcome.record.result!.rate_limited).toBeGreaterThan(0);
  });

  it('refreshes an expired OAuth client_credentials token mid-sync and loses nothing', async () => {
    const fake = await fakeZendesk({ model: new ZendeskModel().seed(400) });
    const env = zendeskEnv(fake, { ZENDESK_CLIENT_ID: TEST_CREDENTIALS.clientId, ZENDESK_CLIENT_SECRET: TEST_CREDENTIALS.clientSecret });
    const deps = await testDeps({ reporter: onFirstProgress('sync: comments', () => fake.expireTokens()) });
    const outcome = await runSync(deps, env);
    expect(outcome.error).toBeUndefined();
    expect(fake.stats.tokensIssued).toBe(2);
    expect(await storedState(deps)).toEqual(expectedState(fake.model));
  });

  it('marks a ticket deleted when its comments answer 404', async () => {
    const model = new ZendeskModel().seed(20);
    createLongAgo(model); // conversations fetched per ticket, where a 404 can answer
    const fake = await fakeZendesk({ model });
    // Deleted after the export saw it, before its comments are fetched.
    const deps = await testDeps({ reporter: onFirstProgress('sync: tickets', () => model.deleteTicket(4)) });
    const outcome = await runSync(deps, zendeskEnv(fake), { concurrency: 1 });
    expect(outcome.record.result!.tickets_deleted).toBe(1);
    const row = await deps.db.selectFrom('tickets').select(['deleted', 'status']).where('id', '=', 4).executeTakeFirstOrThrow();
    expect(row).toEqual({ deleted: 1, status: 'deleted' });
    await runSync(deps, zendeskEnv(fake));
    expect(await storedState(deps)).toEqual(expectedState(model));
  });

  it('fails with exit 77 and Zendesk message on bad credentials, keeping no partial cursor', async () => {
    const fake = await fakeZendesk({ model: new ZendeskModel().seed(5) });
    const deps = await testDeps();
    const outcome = await runSync(deps, zendeskEnv(fake, { ZENDESK_EMAIL: TEST_CREDENTIALS.email, ZENDESK_API_TOKEN: 'wrong' }));
    expect(outcome.error).toBeInstanceOf(AuthError);
    expect(outcome.error!.exitCode).toBe(77);
    expect(outcome.error!.message).toContain("Couldn't authenticate you");
    expect(outcome.error!.message).toContain('127.0.0.1');
    expect(outcome.error!.message).not.toContain('wrong');
    expect((await readExportState(deps.db)).cursor).toBeUndefined();
  });

  it('fails with exit 69 past the retry cap and resumes from the stored cursor next time', async () => {
    const model = new ZendeskModel().seed(2100, 1);
    const fake = await fakeZendesk({ model });
    const deps = await testDeps({ reporter: onFirstProgress('sync: tickets', () => fake.setFaults({ rate: 1, kinds: ['500'] })) });
    const failed = await runSync(deps, zendeskEnv(fake), { tuning: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2, timeoutMs: 1000 } });
    expect(failed.error).toBeInstanceOf(UnavailableError);
    expect(failed.error!.exitCode).toBe(69);
    expect(failed.error!.message).toMatch(/after 3 attempts.*500/);
    // The faults start after the first page is stored; the second may have been read ahead
    // before they did (read-ahead.ts), and then it is stored too.
    const storedPages = (await storedState(deps)).tickets.length / 1000;
    expect([1, 2]).toContain(storedPages);
    fake.setFaults({ rate: 0 });
    const exportsBefore = fake.stats.byRoute.export ?? 0;
    const resumed = await runSync(deps, zendeskEnv(fake));
    expect(resumed.error).toBeUndefined();
    // No stored page is fetched again: the pages after them (of 1000, 1000, 100) finish the export.
    expect((fake.stats.byRoute.export ?? 0) - exportsBefore).toBe(3 - storedPages);
    expect(await storedState(deps)).toEqual(expectedState(model));
  });

  it('picks up conversations an interrupted run left unfetched', async () => {
    const model = new ZendeskModel().seed(600);
    const fake = await fakeZendesk({ model });
    const controller = new AbortController();
    const deps = await testDeps({ signal: controller.signal, reporter: onFirstProgress('sync: comments', () => controller.abort(new Error('stop'))) });
    const stopped = await runSync(deps, zendeskEnv(fake));
    expect(stopped.record.status).not.toBe('completed');
    const partial = await storedState(deps);
    expect(partial.comments.length).toBeLessThan(expectedState(model).comments.length);
    const rerun = await runSync({ ...deps, signal: new AbortController().signal }, zendeskEnv(fake));
    expect(rerun.error).toBeUndefined();
    expect(await storedState(deps)).toEqual(expectedState(model));
  });

  it('restarts the export from N days back with --backfill-days', async () => {
    const model = new ZendeskModel().seed(30);
    const fake = await fakeZendesk({ model });
    const deps = await testDeps();
    await runSync(deps, zendeskEnv(fake));
    const before = fake.stats.byRoute.export ?? 0;
    const rerun = await runSync(deps, zendeskEnv(fake), { backfillDays: 90 });
    expect((fake.stats.byRoute.export ?? 0) - before).toBe(1);
    expect(rerun.record.result).toMatchObject({ tickets_fetched: 30, tickets_upserted: 0, conversations_synced: 0 });
    expect((await readExportState(deps.db)).startTime).toBeLessThan(Date.now() / 1000 - 89 * 86_400);
  });

  it('stays within an enforced rate limit without a storm of 429s', async () => {
    const model = new ZendeskModel().seed(150, 1);
    const fake = await fakeZendesk({ model, limits: { windowMs: 1000, api: 60, enforce: true } });
    const deps = await testDeps();
    const outcome = await runSync(deps, zendeskEnv(fake));
    expect(outcome.error).toBeUndefined();
    expect(await storedState(deps)).toEqual(expectedState(model));
    // Without the limiter, 8 workers would hit the wall on most requests of each window.
    expect(fake.stats.served429).toBeLessThanOrEqual(8);
  });

  it('spaces requests by the older rate-limit header names as well (rate-limit, rate-limit-remaining, rate-limit-reset)', async () => {
    const model = new ZendeskModel().seed(150, 1);
    const fake = await fakeZendesk({ model, limits: { windowMs: 1000, api: 60, enforce: true }, rateLimitHeaders: 'older' });
    const deps = await testDeps();
    const outcome = await runSync(deps, zendeskEnv(fake));
    expect(outcome.error).toBeUndefined();
    expect(await storedState(deps)).toEqual(expectedState(model));
    expect(fake.stats.served429).toBeLessThanOrEqual(2); // 10 when these names went unread
  });
});
