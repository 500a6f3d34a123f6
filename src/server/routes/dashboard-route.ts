import { readFile } from 'node:fs/promises';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';

/**
 * The dashboard's files. They ship in the package: src/server/static/ in a checkout, copied to
 * dist/static/ by build.mjs, and found next to this module (src/server/routes/ or dist/chunks/).
 */
const FILES = {
  'index.html': 'text/html; charset=utf-8',
  'dashboard.js': 'text/javascript; charset=utf-8',
  'dashboard-format.js': 'text/javascript; charset=utf-8',
  'dashboard.css': 'text/css; charset=utf-8',
} as const;

// Nothing from elsewhere: no CDN, no fonts, no external request, no framing.
const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/**
 * GET / (the live dashboard) and GET /dashboard/{file}: static files, no data. Open without the
 * token: the page asks for it and sends it to the /api routes it reads, as any script would.
 */
export const dashboardRoute: FastifyPluginAsync = async (app) => {
  const cache = new Map<string, Buffer>();
  const send = async (name: keyof typeof FILES, reply: FastifyReply) => {
    let body = cache.get(name);
    if (!body) cache.set(name, (body = await readAsset(name)));
    return reply
      .header('content-type', FILES[name])
      .header('content-security-policy', CSP)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'no-cache')
      .send(body);
  };
  const schema = { hide: true } as const;
  app.get('/', { schema }, (_request, reply) => send('index.html', reply));
  app.get('/dashboard/dashboard.js', { schema }, (_request, reply) => send('dashboard.js', reply));
  app.get('/dashboard/dashboard-format.js', { schema }, (_request, reply) => send('dashboard-format.js', reply));
  app.get('/dashboard/dashboard.css', { schema }, (_request, reply) => send('dashboard.css', reply));
};

/** A file of static/, one folder up from this module (src/server/routes/, dist/chunks/) or beside it (dist/). */
async function readAsset(name: string): Promise<Buffer> {
  try {
    return await readFile(new URL(`../static/${name}`, import.meta.url));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    return readFile(new URL(`./static/${name}`, import.meta.url));
  }
}
