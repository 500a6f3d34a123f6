import { describe, expect, it } from 'vitest';
import { describeEachDialect } from '../helpers/dialects.js';
import { call, TOKEN, testApp, testAppOn } from './server-fixture.js';

const PROTECTED = [
  { method: 'GET' as const, url: '/api/status' },
  { method: 'GET' as const, url: '/api/runs' },
  { method: 'GET' as const, url: '/api/runs/r_x' },
  { method: 'GET' as const, url: '/api/issues' },
  { method: 'GET' as const, url: '/api/issues/1' },
  { method: 'POST' as const, url: '/api/tasks/trends' },
  { method: 'POST' as const, url: '/api/tasks/sync' },
  { method: 'GET' as const, url: '/api/tasks/worker/status' },
  { method: 'GET' as const, url: '/api/tasks/scheduler/status' },
  { method: 'GET' as const, url: '/metrics' },
];

describeEachDialect('bearer token', (dialect) => {
  it.each(PROTECTED)('answers 401 to $method $url without the token when one is set', async (request) => {
    const { app, deps } = await testAppOn(dialect, { token: true });
    const res = await call(app, request);
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer');
    expect(res.body).toMatchObject({ detail: 'send Authorization: Bearer <ISSUETRACK_API_TOKEN>', statusCode: 401, error: 'Unauthorized' });
    expect(await deps.db.selectFrom('runs').selectAll().execute()).toEqual([]);
  });

  it('answers 401 to a wrong token and never echoes either token', async () => {
    const { app } = await testAppOn(dialect, { token: true });
    const res = await app.inject({ method: 'GET', url: '/api/status', headers: { authorization: 'Bearer not-the-token' } });
    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
    expect(res.body).not.toContain('not-the-token');
    expect(res.body).not.toContain(TOKEN);
  });

  it('lets the right token through', async () => {
    const { app } = await testAppOn(dialect, { token: true });
    const status = await call(app, { method: 'GET', url: '/api/status', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(status.status).toBe(200);
    const started = await call(app, { method: 'POST', url: '/api/tasks/trends', headers: { authorization: `bearer ${TOKEN}` } });
    expect(started.status).toBe(200);
  });

  it('leaves /health, /api/health and /docs open', async () => {
    const { app } = await testAppOn(dialect, { token: true });
    expect((await call(app, { method: 'GET', url: '/health' })).status).toBe(200);
    expect((await call(app, { method: 'GET', url: '/api/health' })).status).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/docs/json' })).statusCode).toBe(200);
  });

  it('serves the OpenAPI document at /openapi.json too, where FastAPI kept it', async () => {
    const { app } = await testAppOn(dialect, { token: true });
    const fastapiPath = await app.inject({ method: 'GET', url: '/openapi.json' });
    expect(fastapiPath.statusCode).toBe(200);
    expect(JSON.parse(fastapiPath.body)).toEqual(JSON.parse((await app.inject({ method: 'GET', url: '/docs/json' })).body));
  });

  it('asks for no token on loopback when none is set', async () => {
    const { app } = await testAppOn(dialect);
    expect((await call(app, { method: 'GET', url: '/api/status' })).status).toBe(200);
  });
});

describe('/docs', () => {
  it('serves Swagger UI from its bundled assets, with nothing fetched from another host', async () => {
    const { app } = await testApp();
    const page = await app.inject({ method: 'GET', url: '/docs' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('swagger-ui-bundle.js');
    const initializer = await app.inject({ method: 'GET', url: '/docs/static/swagger-initializer.js' });
    expect(initializer.statusCode).toBe(200);
    for (const body of [page.body, initializer.body]) expect(body).not.toMatch(/(src|href|url)\s*[=:]\s*["']https?:\/\//);
    const bundle = await app.inject({ method: 'GET', url: '/docs/static/swagger-ui-bundle.js' });
    expect(bundle.statusCode).toBe(200);
    expect(bundle.body.length).toBeGreaterThan(100_000);
  });

  it('describes every route in OpenAPI, with the bearer scheme when a token is set', async () => {
    const { app } = await testApp({ token: true });
    const spec = JSON.parse((await app.inject({ method: 'GET', url: '/docs/json' })).body);
    expect(spec.openapi).toBe('3.1.0');
    expect(Object.keys(spec.paths).sort()).toEqual([
      '/api/health',
      '/api/issues',
      '/api/issues/{id}',
      '/api/runs',
      '/api/runs/{run_id}',
      '/api/status',
      '/api/tasks/analyze',
      '/api/tasks/pipeline',
      '/api/tasks/scheduler/status',
      '/api/tasks/sync',
      '/api/tasks/trends',
      '/api/tasks/worker/status',
      '/health',
      '/metrics',
    ]);
    expect(spec.components.securitySchemes.bearerAuth).toEqual({ type: 'http', scheme: 'bearer' });
    expect(spec.paths['/api/health'].get.security).toEqual([]);
    expect(spec.paths['/health'].get.security).toEqual([]);
    const sync = spec.paths['/api/tasks/sync'].post;
    expect(sync.requestBody.content['application/json'].schema.properties.backfill_days).toMatchObject({ type: ['integer', 'null'], minimum: 1, maximum: 3650 });
    expect(Object.keys(sync.responses).sort()).toEqual(['200', '400', '401', '503']);
    expect(Object.keys(spec.paths['/metrics'].get.responses['200'].content)).toEqual(['text/plain']);
    const daily = spec.paths['/api/status'].get.responses['200'].content['application/json'].schema.properties.metrics.properties.daily;
    expect(Object.keys(daily.properties)).toEqual(['time_zone', 'days', 'last_7d', 'last_30d']);
    expect(Object.keys(daily.properties.days.items.properties)).toEqual(expect.arrayContaining(['date', 'jobs_run', 'success_rate', 'error_rate', 'avg_duration_ms', 'tickets_processed', 'issues_extracted']));
  });
});
