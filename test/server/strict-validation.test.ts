import { expect, it } from 'vitest';
import { describeEachDialect } from '../helpers/dialects.js';
import { call, seedThemes, testAppOn } from './server-fixture.js';

const post = (url: string, payload: unknown) => ({ method: 'POST' as const, url, payload: JSON.stringify(payload), headers: { 'content-type': 'application/json' } });

describeEachDialect('request validation without type coercion', (dialect) => {
  it.each([
    ['a string for a boolean', { redact: 'false' }],
    ['a string for an integer', { batch_size: '500' }],
    ['a boolean for an integer', { concurrency: true }],
    ['null for a boolean', { batch: null }],
    ['an array for an integer', { batch_size: [5] }],
    ['a max_cost below the CLI range', { max_cost: 1e-300 }],
    ['a max_cost above the CLI range', { max_cost: 1e12 }],
  ])('answers 400 to %s in a task body', async (_name, body) => {
    const { app } = await testAppOn(dialect);
    const res = await call(app, post('/api/tasks/analyze', body));
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/^body\//);
  });

  it('accepts the same body spelt with its real types', async () => {
    const { app } = await testAppOn(dialect, { env: { ANTHROPIC_API_KEY: 'x' } });
    const res = await call(app, post('/api/tasks/trends', { name_with_claude: false }));
    expect(res.status).toBe(200);
  });

  it.each(['0x10', '1e1', '+3', ' 3', '3.0', ''])('answers 400 to the theme id %j instead of reading it as a number', async (id) => {
    const { app, deps } = await testAppOn(dialect);
    await seedThemes(deps);
    const res = await call(app, { method: 'GET', url: `/api/issues/${encodeURIComponent(id)}` });
    expect(res.status).toBe(400);
  });

  it('still reads decimal ids and query booleans from their text', async () => {
    const { app, deps } = await testAppOn(dialect);
    await seedThemes(deps);
    expect((await call(app, { method: 'GET', url: '/api/issues/1' })).status).toBe(200);
    const rising = await call(app, { method: 'GET', url: '/api/issues?rising=true&limit=10' });
    expect(rising.status).toBe(200);
    expect(rising.body.every((t: { rising: boolean }) => t.rising)).toBe(true);
    for (const query of ['rising=1', 'limit=0x10', 'limit=1e1']) {
      expect((await call(app, { method: 'GET', url: `/api/issues?${query}` })).status, query).toBe(400);
    }
  });
});
