import { expect, it } from 'vitest';
import { ZendeskModel } from '../../src/sandbox/zendesk-model.js';
import { describeEachDialect, testDepsOf } from '../helpers/dialects.js';
import { expectedState, fakeZendesk, runSync, storedState, zendeskEnv } from './sync-harness.js';

describeEachDialect('sync against servers that page differently', (dialect) => {
  it('follows offset paging when the server ignores page[size], losing no comment', async () => {
    const fake = await fakeZendesk({ model: new ZendeskModel({ seed: 5 }).seed(60, 7), commentsPaging: 'offset', commentsPageSize: 2 });
    const deps = await testDepsOf(dialect);
    const outcome = await runSync(deps, zendeskEnv(fake));
    expect(outcome.error).toBeUndefined();
    const expected = expectedState(fake.model);
    expect(expected.comments.length).toBeGreaterThan(120); // many tickets need several pages
    expect(await storedState(deps)).toEqual(expected);
  });

  it('asks the configured host for paging links that name another origin, and loses nothing', async () => {
    const fake = await fakeZendesk({ model: new ZendeskModel({ seed: 6 }).seed(60, 7), commentsPageSize: 2, linkOrigin: 'https://acme.zendesk.com' });
    const deps = await testDepsOf(dialect);
    const outcome = await runSync(deps, zendeskEnv(fake));
    expect(outcome.error).toBeUndefined();
    expect(await storedState(deps)).toEqual(expectedState(fake.model));
  });

  it('takes the export cursor from after_url when a page gives only the link', async () => {
    const fake = await fakeZendesk({ model: new ZendeskModel({ seed: 7 }).seed(2300, 1), exportCursorOnlyInUrl: true });
    const deps = await testDepsOf(dialect);
    const outcome = await runSync(deps, zendeskEnv(fake));
    expect(outcome.error).toBeUndefined();
    expect(outcome.record.result!.pages).toBeGreaterThan(2);
    expect(await storedState(deps)).toEqual(expectedState(fake.model));
  });
});
