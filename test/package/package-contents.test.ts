import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// What `npm pack` puts in the tarball users install. The real install (pack, install into a
// temporary prefix, run the demo) is the CI step in .ci/run; these checks say why it would fail.
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

let packed: string[] | undefined;

/** The packed file list; --ignore-scripts so that `prepare` does not rebuild dist/ under other tests. */
function packedFiles(): string[] {
  if (packed) return packed;
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  packed = (JSON.parse(out) as Array<{ files: Array<{ path: string }> }>)[0]!.files.map((f) => f.path);
  return packed;
}

function filesUnder(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

/** The bare module names a bundle loads (`from"x"`, `import("x")`, `require("x")` in esbuild's minified output). */
function bareImports(code: string): Set<string> {
  const names = new Set<string>();
  // Not after a dot: Buffer.from("0") and the like are calls, not imports.
  for (const m of code.matchAll(/(?<![.\w$])(?:from\s*|import\s*\(?\s*|require\(\s*)"([^"\s]+)"/g)) {
    const spec = m[1]!;
    if (spec.startsWith('.') || spec.startsWith('/') || !/^(@[\w.-]+\/)?[\w.-]+(\/[\w./-]*)?$/.test(spec)) continue;
    names.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
  }
  return names;
}

describe('the npm package', () => {
  it('holds what a user runs and reads: bin, dist, the schedule examples, README and LICENSE', () => {
    const files = packedFiles();
    expect(files).toEqual(
      expect.arrayContaining([
        'bin/issuetrack',
        'bin/package.json',
        'dist/cli.js',
        'dist/fast/status.cjs',
        'dist/fast/start.cjs',
        'dist/fast/status.cjs.cache', // V8's code cache of status.cjs (src/fast-bundle.ts)
        'dist/fast/pg.cjs', // pg for status on PostgreSQL, apart so that status on SQLite never reads it
        'dist/fast/pg.cjs.cache',
        'dist/static/index.html', // the dashboard of `serve` (src/server/static/, copied by build.mjs)
        'dist/static/dashboard.js',
        'dist/static/dashboard-format.js',
        'dist/static/dashboard.css',
        'crontab.example',
        'systemd/issuetrack-pipeline.service',
        'systemd/issuetrack-pipeline.timer',
        'scripts/install-system.sh',
        'README.md',
        'LICENSE',
        'package.json',
      ]),
    );
    expect(files.some((f) => f.startsWith('dist/chunks/'))).toBe(true);
  });

  it('holds no tests, benchmarks, TypeScript sources or CI files', () => {
    const stray = packedFiles().filter((f) => /^(src|test|bench|\.ci|node_modules)\//.test(f) || /\.(ts|mts|cts)$/.test(f) || f === 'tsconfig.json');
    expect(stray).toEqual([]);
  });

  it('ships source maps that point at src/ without carrying the TypeScript in them', () => {
    const map = JSON.parse(readFileSync(join(ROOT, 'dist/cli.js.map'), 'utf8')) as { sources: string[]; sourcesContent?: unknown };
    expect(map.sources.some((s) => s.includes('src/cli.ts'))).toBe(true);
    expect(map.sourcesContent).toBeUndefined();
  });

  it('loads at run time nothing but Node built-ins and declared dependencies (no devDependency)', () => {
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    const loaded = new Set<string>();
    for (const file of filesUnder('dist').filter((f) => /\.(c?js)$/.test(f))) {
      for (const name of bareImports(readFileSync(file, 'utf8'))) if (!builtins.has(name)) loaded.add(name);
    }
    for (const name of bareImports(readFileSync(join(ROOT, 'bin/issuetrack'), 'utf8'))) if (!builtins.has(name)) loaded.add(name);
    const undeclared = [...loaded].filter((name) => !(name in pkg.dependencies));
    expect(undeclared).toEqual([]);
    // The externals build.mjs leaves out of the bundle must be among them, or the check sees nothing.
    expect([...loaded]).toEqual(expect.arrayContaining(['fastify', 'ora', '@anthropic-ai/sdk']));
    expect([...loaded].filter((name) => name in pkg.devDependencies)).toEqual([]);
  });
});
