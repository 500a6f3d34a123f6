// Bundles src/ into dist/ with esbuild. One ESM entry (dist/cli.js) plus lazily loaded chunks,
// so `status` and `--help` parse only what they use. better-sqlite3's JavaScript is bundled (its
// dozen small files cost ~5 ms to resolve and load one by one); its compiled addon is loaded from
// node_modules (store/open-sqlite.ts). ora, fastify (with ajv) and the Anthropic SDK stay
// external and load only inside the commands that need them (a test checks `status` never does).
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
// `--version` and `status --json` report both; src/version.ts reads them.
const versions = {
  __ISSUETRACK_VERSION__: JSON.stringify(pkg.version),
  __ISSUETRACK_SCHEMA_VERSION__: String(await newestMigration()),
};

/** The newest migration's version, from src/store/migrations.ts itself (bundled in memory). */
async function newestMigration() {
  const out = await build({ entryPoints: ['src/store/migrations.ts'], bundle: true, format: 'esm', platform: 'node', write: false, logLevel: 'warning' });
  const { migrations } = await import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`);
  return migrations.at(-1).version;
}

rmSync(new URL('./dist', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: { cli: 'src/cli.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  sourcesContent: false, // the maps only place stack frames in src/; the package ships no TypeScript
  minify: true, // less to parse at every start; --debug maps stack traces back through the source maps
  keepNames: true, // error class names stay readable in messages and stacks
  chunkNames: 'chunks/[name]-[hash]',
  // pg stays external too: it loads only for a postgresql:// database (store/postgres/open-postgres.ts),
  // and bundling it would drag in its optional pg-native.
  external: ['ora', 'fastify', '@fastify/*', 'ajv', '@anthropic-ai/sdk', 'wink-lemmatizer', 'pg', 'pg-cursor'],
  define: versions,
  // Bundled CJS dependencies call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  logLevel: 'warning',
});

// The dashboard of `serve` is static files, served as they are: no build step for them.
cpSync(new URL('./src/server/static', import.meta.url), new URL('./dist/static', import.meta.url), { recursive: true });

// The plain `status` calls skip all of the above: bin/issuetrack compiles dist/fast/status.cjs
// from its code cache and lets it answer them (CommonJS: no ESM loader, no chunk graph; 47 -> 36
// ms against node -e 0's 21 ms); other commands pay nothing for the fast path. start.cjs loads
// pg.cjs for `status` on PostgreSQL and writes the caches. Every file there ends with this
// build's id, which the code caches written below must carry too (src/fast-bundle.ts; bin/issuetrack
// checks status.cjs's the same way).
const buildId = randomBytes(8).toString('hex');

/**
 * pg's optional native driver, which issuetrack never uses and does not depend on: pg requires it
 * only when `pg.native` is read, and treats MODULE_NOT_FOUND as "not installed"; so says the stub.
 */
const withoutPgNative = {
  name: 'without-pg-native',
  setup(b) {
    b.onResolve({ filter: /^pg-native$/ }, () => ({ path: 'pg-native', namespace: 'without-pg-native' }));
    b.onLoad({ filter: /.*/, namespace: 'without-pg-native' }, () => ({
      contents: "throw Object.assign(new Error('pg-native is not part of issuetrack'), { code: 'MODULE_NOT_FOUND' });",
      loader: 'js',
    }));
  },
};
/**
 * pg requires node:dns (pg/lib/connection-parameters.js, for pg-native only) and its crypto helpers
 * (pg/lib/crypto/utils.js, which reads node:crypto's webcrypto as it loads) at its own load;
 * `status` needs neither unless the server asks for a password (SCRAM or MD5). In status's pg
 * bundle (dist/fast/pg.cjs) each is a module that requires the real one when a property is first read: dns, its
 * resolver (c-ares reads /etc/resolv.conf) and webcrypto no longer load at every `status` on
 * PostgreSQL. Only pg's own requires of them are replaced.
 */
const lazyPgRequires = {
  name: 'lazy-pg-requires',
  setup(b) {
    const inPg = (importer, folder) => importer.replaceAll('\\', '/').includes(`/node_modules/pg/lib/${folder}`);
    b.onResolve({ filter: /^(dns|\.\/crypto\/utils|\.\/utils)$/ }, (args) => {
      if (args.namespace === 'lazy-pg-require') return undefined;
      if (args.path === 'dns' && inPg(args.importer, 'connection-parameters.js')) return { path: 'dns', namespace: 'lazy-pg-require' };
      const cryptoUtils = (args.path === './crypto/utils' && inPg(args.importer, 'client.js')) || (args.path === './utils' && inPg(args.importer, 'crypto/'));
      if (cryptoUtils) return { path: join(dirname(args.importer), `${args.path}.js`), namespace: 'lazy-pg-require' };
      return undefined;
    });
    b.onLoad({ filter: /.*/, namespace: 'lazy-pg-require' }, (args) => ({
      contents: `let real; module.exports = new Proxy({}, { get: (_, key) => (real ??= require(${JSON.stringify(args.path)}))[key] });`,
      loader: 'js',
      resolveDir: dirname(args.path),
    }));
  },
};
/**
 * better-sqlite3's Database#backup, which `status` never calls, as a method that says so: the
 * real one's module promisifies fs.access as it loads, which compiled node's promisify at every
 * status start (0.26M of its ~24M instructions over bare node, callgrind). status.cjs only.
 */
const withoutSqliteBackup = {
  name: 'without-sqlite-backup',
  setup(b) {
    b.onResolve({ filter: /^\.\/methods\/backup$/ }, (args) =>
      args.importer.replaceAll('\\', '/').endsWith('/node_modules/better-sqlite3/lib/database.js') ? { path: 'backup', namespace: 'without-sqlite-backup' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'without-sqlite-backup' }, () => ({
      contents: "module.exports = function backup() { throw new Error('Database#backup is not part of the status bundle'); };",
      loader: 'js',
    }));
  },
};
/** What the CommonJS bundles of dist/fast share (minified: less to read and deserialise at each start). */
const fastOptions = {
  outdir: 'dist/fast',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  sourcesContent: false, // the maps only place stack frames in src/; the package ships no TypeScript
  minify: true,
  footer: { js: `//# issuetrack-build=${buildId}` },
  logLevel: 'warning',
};
// start.cjs is required as node loads any file (for pg): a `//# sourceMappingURL` comment there
// makes node load its source-map module (~0.1 ms, measured), so it has none; its names are kept
// instead, for --debug's stack frames.
await build({
  ...fastOptions,
  entryPoints: { start: 'src/fast-status-start.ts' },
  sourcemap: false,
  minify: false,
  minifyWhitespace: true,
  minifySyntax: true,
});
await build({
  ...fastOptions,
  entryPoints: { status: 'src/status-fast.ts' },
  plugins: [withoutSqliteBackup],
  // The spinner (ora and its dependencies: half the file) is never loaded by status; external, it
  // is not parsed at every start either. pg is a bundle of its own (below), loaded by
  // store/postgres/open-postgres.ts for a postgresql:// database only: bundled into status.cjs it
  // doubled the file (108 -> 202 kB) that `status` on SQLite reads and compiles at every start.
  external: ['ora', 'pg-cursor', 'pg'],
  // Without keepNames: its __name() call for each of ~450 functions and classes cost ~0.3 ms of
  // every start (compile and run, measured in-process); the error classes name themselves
  // (src/errors.ts), and nothing else status runs reads a function's name.
  keepNames: false,
  // open-sqlite.ts resolves the addon from import.meta.url, which CommonJS spells __filename;
  // computed when first read (a URL costs ~0.5 ms of a start that may never need it).
  // __ISSUETRACK_CJS__: src/node-require.ts takes the bundle's own require (no node:module).
  define: { ...versions, 'import.meta.url': '__import_meta.url', __ISSUETRACK_CJS__: 'true' },
  banner: { js: "const __import_meta = { get url() { return require('node:url').pathToFileURL(__filename).href; } };" },
});
// pg for `status` on PostgreSQL: one file compiled from its code cache (written below) instead
// of some forty resolved and read from node_modules (~20 ms of CPU, measured).
await build({
  ...fastOptions,
  entryPoints: { pg: createRequire(import.meta.url).resolve('pg') },
  keepNames: true, // pg's own code, as it is written
  plugins: [withoutPgNative, lazyPgRequires],
});

// V8's code caches: status.cjs's made by one status run in a child process (the cache holds the
// functions a run compiles), on a database a task created, in an empty folder (no .env, no XDG
// config of the builder's); its second one (for PostgreSQL) and pg.cjs's against a server scripted
// in memory. Without them status still works, only ~7 ms slower to start, so a failure here is a
// warning, never a failed install.
const scratch = mkdtempSync(join(tmpdir(), 'issuetrack-build-'));
try {
  const env = { PATH: process.env.PATH, HOME: scratch, XDG_CONFIG_HOME: scratch, XDG_DATA_HOME: scratch, XDG_STATE_HOME: scratch, CI: '1', NO_COLOR: '1' };
  const db = join(scratch, 'cache.db');
  const run = (args) => execFileSync(process.execPath, args, { cwd: scratch, env, stdio: ['ignore', 'ignore', 'inherit'] });
  run([fileURLToPath(new URL('./dist/cli.js', import.meta.url)), 'trends', '--db', db]);
  const start = fileURLToPath(new URL('./dist/fast/start.cjs', import.meta.url));
  run(['-e', `require(${JSON.stringify(start)}).writeStatusCodeCache(${JSON.stringify(dirname(start))}, ['status', '--json', '--db', ${JSON.stringify(db)}])`]);
  // The servers the caches of the PostgreSQL path are written against, scripted in memory (no
  // server here to connect to): store/postgres/scripted-postgres.ts, pg-cache-run.ts.
  await build({
    entryPoints: ['src/store/postgres/scripted-postgres.ts', 'src/store/postgres/pg-cache-run.ts'],
    outdir: scratch,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
  });
  // status.cjs's second cache, which bin/issuetrack takes for a PostgreSQL URL: a run on SQLite,
  // then one on PostgreSQL (an empty database there: the connection, the batch of reads behind
  // the schema check, the check alone), in one process.
  const scripted = JSON.stringify(join(scratch, 'scripted-postgres.cjs'));
  run([
    '-e',
    `require(${scripted}).listenScripted(require(${scripted}).emptyDatabase).then(({ port }) => require(${JSON.stringify(start)}).writeStatusPostgresCodeCache(${JSON.stringify(dirname(start))}, [` +
      `['status', '--json', '--db', ${JSON.stringify(db)}], ['status', '--json', '--db', 'postgresql://issuetrack@127.0.0.1:' + port + '/issuetrack?sslmode=disable']]))`,
  ]);
  // pg's cache holds what loading it compiles, with the navigator open-postgres.ts shows pg while
  // it loads (so the same branches run), and what a connection and a batch of reads compile, pg
  // talking to a server scripted in memory (no server here to connect to; pg-cache-run.ts).
  const exercise = join(scratch, 'pg-cache-run.cjs');
  const pgCache = `require(${JSON.stringify(start)}).writePgCodeCache(${JSON.stringify(dirname(start))}, require(${JSON.stringify(exercise)}).exercisePg)`;
  run(['-e', `globalThis.navigator ??= { userAgent: 'Node.js' }; ${pgCache}`]);
} catch (error) {
  console.warn(`issuetrack build: no code cache for status (it starts ~7 ms slower): ${error.message.split('\n')[0]}`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
