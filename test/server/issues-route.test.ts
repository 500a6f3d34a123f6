import { expect, it } from 'vitest';
import { themeDetail, zendeskTicketUrl } from '../../src/themes/theme-detail.js';
import { listThemes } from '../../src/themes/theme-queries.js';
import { describeEachDialect } from '../helpers/dialects.js';
import { call, DAY, NOW, seedThemes, testAppOn } from './server-fixture.js';

/** What `issues --json` would print for these options, parsed back. */
async function cliJson(value: Promise<unknown>) {
  return JSON.parse(JSON.stringify(await value));
}

describeEachDialect('GET /api/issues', (dialect) => {
  it('answers the same JSON as issues --json', async () => {
    const { app, deps } = await testAppOn(dialect);
    await seedThemes(deps);
    const res = await call(app, { method: 'GET', url: '/api/issues' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual(await cliJson(listThemes(deps.db, { nowMs: NOW, windowMs: 7 * DAY, limit: 20 })));
    expect(res.body.map((t: { title: string; count: number }) => [t.title, t.count])).toEqual([
      ['Login fails with SSO after password reset', 12],
      ['CSV export times out for large reports', 6],
      ['Charged twice for the monthly plan', 3],
    ]);
  });

  it('passes rising, since, category and limit through as the CLI flags do', async () => {
    const { app, deps } = await testAppOn(dialect);
    await seedThemes(deps);
    const rising = await call(app, { method: 'GET', url: '/api/issues?rising=true' });
    expect(rising.body).toEqual(await cliJson(listThemes(deps.db, { nowMs: NOW, windowMs: 7 * DAY, risingOnly: true, limit: 20 })));
    expect(rising.body.map((t: { title: string }) => t.title)).toContain('Login fails with SSO after password reset');
    expect(rising.body.every((t: { rising: boolean }) => t.rising)).toBe(true);
    const billing = await call(app, { method: 'GET', url: '/api/issues?category=billing&since=28d' });
    expect(billing.body).toEqual(await cliJson(listThemes(deps.db, { nowMs: NOW, windowMs: 28 * DAY, category: 'billing', limit: 20 })));
    const lastDay = await call(app, { method: 'GET', url: '/api/issues?since=24h&limit=1' });
    expect(lastDay.body).toEqual(await cliJson(listThemes(deps.db, { nowMs: NOW, windowMs: DAY, limit: 1 })));
  });

  it('answers [] before any trends run', async () => {
    const { app } = await testAppOn(dialect);
    expect((await call(app, { method: 'GET', url: '/api/issues' })).body).toEqual([]);
  });

  it.each(['0d', '7days', '-1w', '1y'])('answers 400 to since=%s', async (since) => {
    const { app } = await testAppOn(dialect);
    const res = await call(app, { method: 'GET', url: `/api/issues?since=${since}` });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/since/);
  });
});

describeEachDialect('GET /api/issues/{id}', (dialect) => {
  it('answers the same JSON as issues show ID --json', async () => {
    const { app, deps } = await testAppOn(dialect, { env: { ZENDESK_SUBDOMAIN: 'acme' } });
    await seedThemes(deps);
    const [top] = (await call(app, { method: 'GET', url: '/api/issues?limit=1' })).body;
    const res = await call(app, { method: 'GET', url: `/api/issues/${top.id}` });
    expect(res.status).toBe(200);
    const expected = await cliJson(themeDetail(deps.db, top.id, { nowMs: NOW, windowMs: 7 * DAY, ticketUrl: zendeskTicketUrl('https://acme.zendesk.com') }));
    expect(res.body).toEqual(expected);
    expect(res.body.samples[0].url).toMatch(/^https:\/\/acme\.zendesk\.com\/agent\/tickets\/\d+$/);
  });

  it('answers 404 for an id that is not a theme and 400 for one that is not a number', async () => {
    const { app } = await testAppOn(dialect);
    const missing = await call(app, { method: 'GET', url: '/api/issues/999' });
    expect(missing.status).toBe(404);
    expect(missing.body.message).toBe('no theme with id 999 (see GET /api/issues)');
    expect((await call(app, { method: 'GET', url: '/api/issues/abc' })).status).toBe(400);
  });
});
