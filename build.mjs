// Bundles src/ into dist/ with esbuild. One ESM entry (dist/cli.js) plus lazily loaded chunks,
// so `status` and `--help` parse only what they use. Native and heavy packages stay external:
// better-sqlite3 is a native addon, and ora, fastify and the Anthropic SDK must load only inside
// the commands that need them (a test checks that `status` never loads them).
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

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
  minify: true, // less to parse at every start; --debug maps stack traces back through the source maps
  keepNames: true, // error class names stay readable in messages and stacks
  chunkNames: 'chunks/[name]-[hash]',
  external: ['better-sqlite3', 'ora', 'fastify', '@fastify/*', '@anthropic-ai/sdk', 'node-zendesk'],
  define: { __ISSUETRACK_VERSION__: JSON.stringify(pkg.version) },
  // Bundled CJS dependencies (cli-table3) call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  logLevel: 'warning',
});
