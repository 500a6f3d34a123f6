import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../../src', import.meta.url));

const sourcesIn = (folder: string) => readdirSync(join(SRC, folder)).filter((f) => f.endsWith('.ts')).map((f) => join(folder, f));
const textOf = (file: string) => readFileSync(join(SRC, file), 'utf8');
const importsOf = (file: string) => [...textOf(file).matchAll(/(?:from|import\()\s*'([^']+)'/g)].map((m) => m[1]!);

/*
 * DESIGN.md: tasks never ask which database they run on; SQL belongs to the store. The sync task
 * reaches its writers through openSyncWriters (src/store/sync/), and the store knows its tables,
 * not Zendesk's shapes.
 */
describe('the sync layers', () => {
  it('keep the sync task (src/zendesk/) free of database-specific imports and dialect checks', () => {
    for (const file of sourcesIn('zendesk')) {
      for (const spec of importsOf(file)) expect(spec, `${file} imports ${spec}`).not.toMatch(/^(better-sqlite3|pg|pg-cursor)$|\/store\/(sqlite|postgres)\/|\/store\/sync\/(sqlite|postgres)-/);
      expect(textOf(file), `${file} asks the dialect`).not.toMatch(/\.dialect\b|\.sqlite\.|\.pool\b/);
    }
  });

  it('keep the store side (src/store/sync/) free of imports from above the store', () => {
    for (const file of sourcesIn('store/sync')) {
      const ours = importsOf(file).filter((spec) => spec.startsWith('.'));
      for (const spec of ours) expect(normalize(join(dirname(file), spec)), `${file} imports ${spec}`).toMatch(/^store\//);
    }
  });
});
