import { describe, expect, it } from 'vitest';
import { describeEachDialect } from '../helpers/dialects.js';
import { buildStatusReport } from '../../src/worker/status-report.js';
import { call, seedThemes, testApp, testAppOn } from './server-fixture.js';

describe('GET /health and /api/health', () => {
  it.each(['/health', '/api/health'])('%s answers healthy and the version', async (url) => {
    const { app } = await testApp();
    const res = await call(app, { method: 'GET', url });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'healthy', ok: true, version: '9.9.9' });
  });
});

describe('unknown routes', () => {
  it('answer 404 with FastAPI\'s {"detail": "Not Found"}', async () => {
    const { app } = await testApp();
    const res = await call(app, { method: 'GET', url: '/api/tasks/nope?x=1' });
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ detail: 'Not Found', statusCode: 404, error: 'Not Found', message: 'Route GET:/api/tasks/nope not found' });
  });
});

describeEachDialect('GET /api/status', (dialect) => {
  it('answers exactly what status --json prints', async () => {
    const { app, deps } = await testAppOn(dialect);
    await seedThemes(deps);
    const res = await call(app, { method: 'GET', url: '/api/status' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual(JSON.parse(JSON.stringify(await buildStatusReport(deps))));
    expect(res.body.worker).toMatchObject({ status: 'completed', task: 'trends' });
    expect(res.body.totals).toMatchObject({ tickets: 23, issues: 23 });
  });

  it('answers idle with the jobs on an empty database', async () => {
    const { app } = await testAppOn(dialect);
    const res = await call(app, { method: 'GET', url: '/api/status' });
    expect(res.status).toBe(200);
    expect(res.body.worker.status).toBe('idle');
    expect(res.body.jobs.map((j: { name: string }) => j.name).length).toBeGreaterThan(0);
  });
});
