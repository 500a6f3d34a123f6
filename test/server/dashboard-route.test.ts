import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { testApp } from './server-fixture.js';

const STATIC = new URL('../../src/server/static/', import.meta.url);

describe('GET / (the dashboard)', () => {
  it('serves the page without the token, with a policy that allows nothing from elsewhere', async () => {
    const { app } = await testApp({ token: true });
    const page = await app.inject({ method: 'GET', url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.headers['content-security-policy']).toContain("connect-src 'self'");
    expect(page.body).toContain('<script type="module" src="/dashboard/dashboard.js"></script>');
    for (const [url, type] of [['/dashboard/dashboard.js', 'text/javascript; charset=utf-8'], ['/dashboard/dashboard-format.js', 'text/javascript; charset=utf-8'], ['/dashboard/dashboard.css', 'text/css; charset=utf-8']]) {
      const asset = await app.inject({ method: 'GET', url });
      expect(asset.statusCode).toBe(200);
      expect(asset.headers['content-type']).toBe(type);
    }
    // The data stays behind the token.
    expect((await app.inject({ method: 'GET', url: '/api/status' })).statusCode).toBe(401);
  });

  it('ships files that reach no other host and put outside text in with textContent only', () => {
    const files = ['index.html', 'dashboard.js', 'dashboard.css', 'dashboard-format.js'].map((name) => readFileSync(new URL(name, STATIC), 'utf8'));
    for (const file of files) expect(file.replace('http://www.w3.org/2000/svg', '')).not.toMatch(/https?:\/\/|\/\/cdn|@import|url\(/);
    for (const js of [files[1]!, files[3]!]) expect(js).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
  });

  it('answers 404 for a file that is not part of the dashboard', async () => {
    const { app } = await testApp();
    expect((await app.inject({ method: 'GET', url: '/dashboard/../../package.json' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/dashboard/secret.txt' })).statusCode).toBe(404);
  });
});
