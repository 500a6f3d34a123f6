import { readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Script, constants } from 'node:vm';

/*
 * The CommonJS bundles of dist/fast (status.cjs, and pg.cjs for `status` on PostgreSQL), each
 * compiled with V8's code cache beside it (`<file>.cache`, written by build.mjs). Compiling a
 * bundle's functions is a third of what `status` adds to bare node (~7 ms here;
 * bench/status-cold-start.mjs); the cache holds the code of every function a run compiled, so
 * a later run only deserialises it.
 *
 * A cache is only taken for the source it was made from: build.mjs ends each bundle with a
 * random build id and writes the same id at the head of its cache, and V8 itself refuses a cache
 * of another V8 version, other flags or another source length (`cachedDataRejected`); a refused
 * or missing cache costs nothing but the compile it would have saved.
 */

// The build id closes each bundle as `//# issuetrack-build=<hex>` (build.mjs appends it).
const BUILD_ID_MARK = '//# issuetrack-build=';
// A cache file: the ascii build id (16 hex digits), then V8's cached data.
const ID_LENGTH = 16;
const CACHE_SUFFIX = '.cache';
/**
 * status.cjs's second cache (`status.cjs.postgres.cache`), of a run on SQLite and one on
 * PostgreSQL: bin/issuetrack takes it instead of the first when the database it is given (`--db`,
 * ISSUETRACK_DB, DATABASE_URL) is a PostgreSQL URL. One cache for both would make every `status`
 * on SQLite deserialise the PostgreSQL path's code too (+1.2% of its instructions, callgrind).
 */
export const POSTGRES_CACHE_SUFFIX = '.postgres.cache';

/**
 * The exports of the CommonJS bundle `file`, compiled from its code cache when the cache fits,
 * and run as node's loader would run it, with `require` (resolving from dist/fast).
 */
export function loadFastBundle<T>(file: string, require: NodeJS.Require): T {
  return compileBundle<T>(file, readCache(file), require).exports;
}

/**
 * Compiles and runs `file` without its cache, calls `run` with its exports, and writes the code
 * cache of what ran to `file` + `suffix` when the process exits (so a run that ends the process itself is covered).
 * For build.mjs only, in a child process of its own.
 */
export function writeCodeCache<T>(file: string, require: NodeJS.Require, run: (exports: T) => void, suffix = CACHE_SUFFIX): void {
  const { script, source, exports } = compileBundle<T>(file, undefined, require);
  const id = buildIdOf(source);
  if (!id) throw new Error(`${file} has no build id; build it with build.mjs`);
  process.once('exit', () => writeFileSync(file + suffix, Buffer.concat([Buffer.from(id, 'latin1'), script.createCachedData()])));
  run(exports);
}

/** V8's cached data for `file` with the build id it was made for. */
function readCache(file: string): { id: string; data: Buffer } | undefined {
  try {
    const bytes = readFileSync(file + CACHE_SUFFIX);
    return { id: bytes.toString('latin1', 0, ID_LENGTH), data: bytes.subarray(ID_LENGTH) };
  } catch {
    return undefined;
  }
}

function compileBundle<T>(file: string, cache: { id: string; data: Buffer } | undefined, require: NodeJS.Require): { script: Script; source: string; exports: T } {
  const source = readFileSync(file, 'utf8');
  const fits = cache !== undefined && buildIdOf(source) === cache.id;
  // The same wrapper as node's CommonJS loader: the bundle cannot tell the difference.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) { ${source}\n})`, {
    filename: file,
    cachedData: fits ? cache.data : undefined,
    // import() inside a bundle (ora, for a spinner) resolves as it would in a required file.
    importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const module = { exports: {} as T };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, require, module, file, dirname(file));
  return { script, source, exports: module.exports };
}

function buildIdOf(source: string): string | undefined {
  const at = source.lastIndexOf(BUILD_ID_MARK);
  if (at < 0) return undefined;
  const id = source.slice(at + BUILD_ID_MARK.length, at + BUILD_ID_MARK.length + ID_LENGTH);
  // 16 lower-case hex digits. Not a regular expression: a process's first one costs ~0.05 ms.
  for (let i = 0; i < ID_LENGTH; i++) {
    const c = id.charCodeAt(i); // NaN past the end
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return undefined;
  }
  return id;
}
