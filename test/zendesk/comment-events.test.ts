import { expect, it } from 'vitest';
import { silentReporter } from '../../src/output/reporter.js';
import { ZendeskModel } from '../../src/sandbox/zendesk-model.js';
import type { Deps } from '../../src/deps.js';
import { describeEachDialect, testDepsOf } from '../helpers/dialects.js';
import { createLongAgo, expectedState, fakeZendesk, FAST_TUNING, onFirstProgress, runSync as runSyncFast, storedState, zendeskEnv } from './sync-harness.js';

/**
 * These tests count requests, so a request must never time out and be retried: the fake runs in
 * this process, and a busy machine can hold a reply past FAST_TUNING's 400 ms (CI saw 103 for 100).
 */
const runSync = (deps: Parameters<typeof runSyncFast>[0], env: Parameters<typeof runSyncFast>[1]) =>
  runSyncFast(deps, env, { tuning: { ...FAST_TUNING, timeoutMs: 30_000 } });

describeEachDialect('conversations from the comment events', (dialect) => {
  const testDeps = (overrides: Parameters<typeof testDepsOf>[1] = {}) => testDepsOf(dialect, overrides);

  it('reads the conversations of new and changed tickets in bulk, asking for no ticket one by one', async () => {
    const model = new ZendeskModel({ seed: 5 }).seed(1500);
    const fake = await fakeZendesk({ model, duplicates: true });
    const deps = await testDeps();
    const first = await runSync(deps, zendeskEnv(fake));
    expect(first.error).toBeUndefined();
    expect(await storedState(deps)).toEqual(expectedState(model));
    expect(fake.stats.byRoute.comments ?? 0).toBe(0);
    // 1500 tickets and ~3700 events: a few pages of 1000, and the requesters' profiles 100 at a time.
    expect(first.record.result).toMatchObject({ conversations_from_events: 1500, conversations_fetched: 0 });
    expect(fake.stats.byRoute.ticket_events).toBeLessThanOrEqual(8);

    for (const id of model.ticketIds().slice(0, 400)) model.addComment(id, { body: `follow-up on ${id}` });
    for (const id of model.ticketIds().slice(400, 420)) model.deleteTicket(id);
    for (let i = 0; i < 30; i++) model.addComment(model.addTicket().id);
    const requestsBefore = fake.stats.requests;
    const second = await runSync(deps, zendeskEnv(fake));
    expect(second.error).toBeUndefined();
    expect(await storedState(deps)).toEqual(expectedState(model));
    expect(fake.stats.byRoute.comments ?? 0).toBe(0);
    expect(second.record.result).toMatchObject({ conversations_from_events: 430, conversations_fetched: 0 });
    expect(fake.stats.requests - requestsBefore).toBeLessThanOrEqual(5);
  });

  it('fetches whole only the tickets first seen with comments older than the stream', async () => {
    const model = new ZendeskModel({ seed: 6 }).seed(300);
    createLongAgo(model, 3);
    const fake = await fakeZendesk({ model });
    const deps = await testDeps();
    const outcome = await runSync(deps, zendeskEnv(fake));
    expect(outcome.error).toBeUndefined();
    expect(await storedState(deps)).toEqual(expectedState(model));
    expect(fake.stats.byRoute.comments).toBe(100);
    expect(outcome.record.result).toMatchObject({ conversations_from_events: 200, conversations_fetched: 100 });
  });

  it('fetches a ticket whole after one of its comments is redacted, and keeps the redacted text', async () => {
    const model = new ZendeskModel({ seed: 7 }).seed(50, 3);
    const ticket = model.ticketIds().find((id) => model.comments.get(id)!.length > 0)!;
    const comment = model.comments.get(ticket)![0]!;
    const fake = await fakeZendesk({ model });
    const deps = await testDeps();
    await runSync(deps, zendeskEnv(fake));
    model.redactComment(ticket, comment.id, 'Comment');
    model.addComment(ticket, { body: 'after the redaction' });
    const outcome = await runSync(deps, zendeskEnv(fake));
    expect(outcome.error).toBeUndefined();
    expect(await storedState(deps)).toEqual(expectedState(model));
    expect(fake.stats.byRoute.comments).toBe(1);
    const stored = await bodyOf(deps, comment.id);
    expect(stored).toContain('▇▇▇▇▇▇▇');
    expect(stored).not.toContain('Comment');
    // A later run, whose stream overlaps the old events, does not bring the old text back.
    model.touchSystem(ticket);
    await runSync(deps, zendeskEnv(fake));
    expect(await bodyOf(deps, comment.id)).toBe(stored);
  });

  it('fetches whole a ticket the stream named before the ticket export had stored it', async () => {
    const model = new ZendeskModel({ seed: 8 }).seed(40);
    const fake = await fakeZendesk({ model });
    let late = 0;
    // Created after this run's ticket export, before its comment events are read.
    const deps = await testDeps({
      reporter: onFirstProgress('sync: comments', () => {
        late = model.addTicket().id;
        model.addComment(late, { body: 'first words' });
        model.addComment(late, { body: 'second words' });
      }),
    });
    expect((await runSync(deps, zendeskEnv(fake))).error).toBeUndefined();
    expect(await deps.db.selectFrom('comments').select('id').where('ticket_id', '=', late).execute()).toEqual([]);
    const before = fake.stats.byRoute.comments ?? 0;
    const next = await runSync({ ...deps, reporter: silentReporter }, zendeskEnv(fake));
    expect(next.error).toBeUndefined();
    expect(await storedState(deps)).toEqual(expectedState(model));
    expect((fake.stats.byRoute.comments ?? 0) - before).toBe(1);
  });

  it('fetches whole a deleted ticket that comes back, whose comments were dropped', async () => {
    const model = new ZendeskModel({ seed: 9 }).seed(30, 3);
    const fake = await fakeZendesk({ model });
    const deps = await testDeps();
    await runSync(deps, zendeskEnv(fake));
    const id = model.ticketIds().find((t) => model.comments.get(t)!.length > 1)!;
    model.deleteTicket(id);
    await runSync(deps, zendeskEnv(fake));
    model.updateTicket(id, { status: 'open' }); // restored
    const outcome = await runSync(deps, zendeskEnv(fake));
    expect(outcome.error).toBeUndefined();
    expect(await storedState(deps)).toEqual(expectedState(model));
    expect(outcome.record.result).toMatchObject({ conversations_fetched: 1 });
  });
});

describeEachDialect('a ticket events export that does not move', (dialect) => {
  const testDeps = () => testDepsOf(dialect);

  it('stops with exit 69 instead of asking for the same page for ever, keeping the tickets stored', async () => {
    const model = new ZendeskModel({ seed: 10 }).seed(20);
    const fake = await fakeZendesk({ model, hostile: { stuckTicketEvents: true } });
    const deps = await testDeps();
    const outcome = await runSync(deps, zendeskEnv(fake));
    expect(outcome.error?.exitCode).toBe(69);
    expect(outcome.error?.message).toMatch(/ticket events export from 127\.0\.0\.1:\d+ sent a cursor that does not advance/);
    expect(fake.stats.byRoute.ticket_events).toBe(1);
    expect((await storedState(deps)).tickets).toHaveLength(20);
  });
});

async function bodyOf(deps: Deps, commentId: number): Promise<string> {
  return (await deps.db.selectFrom('comments').select('body').where('id', '=', commentId).executeTakeFirstOrThrow()).body;
}
