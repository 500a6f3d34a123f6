import { join } from 'node:path';
import { loadFastBundle, writeCodeCache } from './fast-bundle.js';
import { parseFastStatusArgs, type FastStatusArgs } from './fast-status-args.js';

/*
 * What bin/issuetrack runs first (built to dist/fast/start.cjs): it recognises the plain `status`
 * calls and answers them from dist/fast/status.cjs, compiled with V8's code cache
 * (fast-bundle.ts). A startup snapshot (`node --build-snapshot`) would save more, but needs a
 * flag on node's command line, which a `#!/usr/bin/env node` script cannot pass without starting
 * a second node.
 *
 * This file is only ever built to CommonJS, beside status.cjs: its own `require` resolves as one
 * made for status.cjs would (createRequire would load node:module and the ESM loader, ~0.3 ms),
 * and it is the `require` the bundles it loads get.
 */

const STATUS_FILE = 'status.cjs';
// pg for `status` on PostgreSQL, a bundle of its own so that `status` on SQLite never reads or
// compiles it (build.mjs; store/postgres/open-postgres.ts loads it through loadFastPg).
const PG_FILE = 'pg.cjs';

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
  const status = parsed.debug ? (require(file) as StatusModule) : loadFastBundle<StatusModule>(file, require);
  status.runStatus(parsed);
  return true;
}

/** pg, from dist/fast/pg.cjs and its code cache: for status.cjs, which gets this file's `require`. */
export function loadFastPg(): typeof import('pg') {
  return loadFastBundle(join(__dirname, PG_FILE), require);
}

/**
 * Writes the code cache of dist/fast/status.cjs after one status run on `args` in this process,
 * when the run ends (runStatus ends the process). For build.mjs only, in a child process of its own.
 */
export function writeStatusCodeCache(dir: string, args: FastStatusArgs): void {
  writeCodeCache<StatusModule>(join(dir, STATUS_FILE), require, (status) => status.runStatus(args));
}

/** Writes the code cache of dist/fast/pg.cjs: what loading pg compiles. For build.mjs only. */
export function writePgCodeCache(dir: string): void {
  writeCodeCache(join(dir, PG_FILE), require, () => undefined);
}
