import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

const importsOf = (file: string) => [...readFileSync(file, 'utf8').matchAll(/(?:from|import\()\s*'([^']+)'/g)].map((m) => m[1]!);

describe('src/sandbox', () => {
  it('is imported by the demo command only, so no other command loads the stand-ins', () => {
    const importers = sourceFiles(SRC)
      .filter((f) => !relative(SRC, f).startsWith('sandbox/'))
      .filter((f) => importsOf(f).some((spec) => spec.includes('/sandbox/')))
      .map((f) => relative(SRC, f));
    expect(importers).toEqual(['commands/demo.ts']);
  });

  it('imports nothing test-only', () => {
    for (const file of sourceFiles(join(SRC, 'sandbox'))) {
      for (const spec of importsOf(file)) expect(spec === 'vitest' || spec.includes('/test/'), `${relative(SRC, file)}: ${spec}`).toBe(false);
    }
  });
});
