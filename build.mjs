// Bundles src/ into dist/ with esbuild. One ESM entry (dist/cli.js) plus lazily loaded chunks,
// so `status` and `--help` parse only what they use. better-sqlite3's JavaScript is bundled (its
// dozen small files cost ~5 ms to resolve and load one by one); its compiled addon is loaded from
// node_modules (store/open-sqlite.ts). ora, fastify (with ajv) and the Anthropic SDK stay
// external and load only inside the commands that need them (a test checks `status` never does).
import { build } from 'esbuild';
import { cpSync, readFileSync, rmSync } from 'node:fs';

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
  external: ['ora', 'fastify', '@fastify/*', 'ajv', '@anthropic-ai/sdk', 'wink-lemmatizer', 'pg'],
  define: versions,
  // Bundled CJS dependencies call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  logLevel: 'warning',
});

// The dashboard of `serve` is static files, served as they are: no build step for them.
cpSync(new URL('./src/server/static', import.meta.url), new URL('./dist/static', import.meta.url), { recursive: true });

// The plain `status` calls skip all of the above: bin/issuetrack requires these two CommonJS
// files (no ESM loader, no chunk graph; 47 -> 36 ms against node -e 0's 21 ms). One holds only
// the argument check, so other commands pay nothing for the fast path.
await build({
  entryPoints: { 'status-args': 'src/fast-status-args.ts', status: 'src/status-fast.ts' },
  outdir: 'dist/fast',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  sourcesContent: false, // the maps only place stack frames in src/; the package ships no TypeScript
  minify: true,
  keepNames: true,
  // The spinner (ora and its dependencies: half the file) is never loaded by status; external, it
  // is not parsed at every start either.
  external: ['ora', 'pg'],
  // open-sqlite.ts resolves the addon from import.meta.url, which CommonJS spells __filename.
  define: { ...versions, 'import.meta.url': '__import_meta_url' },
  banner: { js: "const __import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
  logLevel: 'warning',
});
