import { describe, expect, it } from 'vitest';
import { buildStatusReport } from '../../src/worker/status-report.js';
import { call, seedThemes, testApp } from './server-fixture.js';

describe('GET /api/health', () => {
  it('answers ok and the version', async () => {
    const { app } = await testApp();
    const res = await call(app, { method: 'GET', url: '/api/health' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, version: '9.9.9' });
  });
});

describe('GET /api/status', () => {
  it('answers exactly what status --json prints', async () => {
    const { app, deps } = await testApp();
    await seedThemes(deps);
    const res = await call(app, { method: 'GET', url: '/api/status' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual(JSON.parse(JSON.stringify(await buildStatusReport(deps))));
    expect(res.body.worker).toMatchObject({ status: 'completed', task: 'trends' });
    expect(res.body.totals).toMatchObject({ tickets: 23, issues: 23 });
  });

  it('answers on an empty database', async () => {
    const { app } = await testApp();
    const res = await call(app, { method: 'GET', url: '/api/status' });
    expect(res.status).toBe(200);
    expect(res.body.worker.status).toBe('idle');
    expect(res.body.jobs.map((j: { name: string }) => j.name).length).toBeGreaterThan(0);
  });
});
