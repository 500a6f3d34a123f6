import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Script, constants } from 'node:vm';
import { parseFastStatusArgs, type FastStatusArgs } from './fast-status-args.js';

/*
 * What bin/issuetrack runs first (built to dist/fast/start.cjs): it recognises the plain `status`
 * calls and answers them from dist/fast/status.cjs, compiled with V8's code cache
 * (dist/fast/status.cjs.cache, written by build.mjs). Compiling that bundle's functions is
 * a third of what `status` adds to bare node (~7 ms here; bench/status-cold-start.mjs); the cache
 * holds the code of every function a status run compiled, so a run only deserialises it.
 *
 * The cache is only taken for the source it was made from: build.mjs ends status.cjs with a
 * random build id and writes the same id at the head of the cache, and V8 itself refuses a
 * cache of another V8 version, other flags or another source length (`cachedDataRejected`);
 * a refused or missing cache costs nothing but the compile it would have saved. A startup
 * snapshot (`node --build-snapshot`) would save more, but needs a flag on node's command line,
 * which a `#!/usr/bin/env node` script cannot pass without starting a second node.
 *
 * This file is only ever built to CommonJS, beside status.cjs: its own `require` resolves as one
 * made for status.cjs would (createRequire would load node:module and the ESM loader, ~0.3 ms).
 */

const STATUS_FILE = 'status.cjs';
const CACHE_SUFFIX = '.cache';
// The build id closes status.cjs as `//# issuetrack-build=<hex>` (build.mjs appends it).
const BUILD_ID_MARK = '//# issuetrack-build=';
// A cache file: the ascii build id (16 hex digits), then V8's cached data.
const ID_LENGTH = 16;

type StatusModule = { runStatus(args: FastStatusArgs): void };

/**
 * Answers `args` through the status fast path and returns true when they are a plain status call
 * (see fast-status-args.ts); returns false, having done nothing, for anything else. `dir` is
 * dist/fast. Under --debug the bundle is required as usual, so source maps place stack frames.
 */
export function runFastStatus(args: readonly string[], dir: string): boolean {
  const parsed = parseFastStatusArgs(args);
  if (!parsed) return false;
  const file = join(dir, STATUS_FILE);
  const status = parsed.debug ? (require(file) as StatusModule) : compileStatus(file, readCache(file)).exports;
  status.runStatus(parsed);
  return true;
}

/**
 * Writes the code cache of dist/fast/status.cjs after one status run on `args` in this process,
 * when the run ends (runStatus ends the process). For build.mjs only, in a child process of its own.
 */
export function writeStatusCodeCache(dir: string, args: FastStatusArgs): void {
  const file = join(dir, STATUS_FILE);
  const { script, source, exports } = compileStatus(file, undefined);
  const id = buildIdOf(source);
  if (!id) throw new Error(`${file} has no build id; build it with build.mjs`);
  process.once('exit', () => writeFileSync(file + CACHE_SUFFIX, Buffer.concat([Buffer.from(id, 'latin1'), script.createCachedData()])));
  exports.runStatus(args);
}

/** V8's cached data for `file` when the cache was made from this very build of it. */
function readCache(file: string): { id: string; data: Buffer } | undefined {
  try {
    const bytes = readFileSync(file + CACHE_SUFFIX);
    return { id: bytes.toString('latin1', 0, ID_LENGTH), data: bytes.subarray(ID_LENGTH) };
  } catch {
    return undefined;
  }
}

/** Compiles and runs the CommonJS bundle as node's loader would, with `cache` when it fits. */
function compileStatus(file: string, cache: { id: string; data: Buffer } | undefined): { script: Script; source: string; exports: StatusModule } {
  const source = readFileSync(file, 'utf8');
  const fits = cache !== undefined && buildIdOf(source) === cache.id;
  // The same wrapper as node's CommonJS loader: the bundle cannot tell the difference.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) { ${source}\n})`, {
    filename: file,
    cachedData: fits ? cache.data : undefined,
    // import() inside the bundle (ora, for a spinner) resolves as it would in a required file.
    importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const module = { exports: {} as StatusModule };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, require, module, file, dirname(file));
  return { script, source, exports: module.exports };
}

function buildIdOf(source: string): string | undefined {
  const at = source.lastIndexOf(BUILD_ID_MARK);
  if (at < 0) return undefined;
  const id = source.slice(at + BUILD_ID_MARK.length, at + BUILD_ID_MARK.length + ID_LENGTH);
  return /^[0-9a-f]{16}$/.test(id) ? id : undefined;
}
