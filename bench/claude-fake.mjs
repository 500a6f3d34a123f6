// The Claude stand-in (src/sandbox/claude-server.ts) for the benches that drive analyze: it is
// TypeScript, so it is bundled once into `dir` and imported from there by plain node.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

/** The stand-in's module ({ startClaudeFake, … }), bundled into `dir`. */
export async function loadClaudeFake(dir) {
  const file = join(dir, 'claude-server.mjs');
  const bundled = await build({
    entryPoints: [fileURLToPath(new URL('../src/sandbox/claude-server.ts', import.meta.url))],
    bundle: true, format: 'esm', platform: 'node', write: false, logLevel: 'error',
  });
  writeFileSync(file, bundled.outputFiles[0].text);
  return import(pathToFileURL(file).href);
}
