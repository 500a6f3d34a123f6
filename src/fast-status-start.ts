import { join } from 'node:path';
import { loadFastBundle, POSTGRES_CACHE_SUFFIX, writeCodeCache } from './fast-bundle.js';

/*
 * dist/fast/start.cjs: the loader of the CommonJS bundles of dist/fast for everything but the
 * plain `status` call itself, which bin/issuetrack compiles from its code cache on its own
 * (requiring this file and compiling its functions cost ~1 ms of that start). Here: pg for `status`
 * on PostgreSQL, and the code caches build.mjs writes. A startup snapshot (`node
 * --build-snapshot`) would save more, but needs a flag on node's command line, which a
 * `#!/usr/bin/env node` script cannot pass without starting a second node.
 *
 * This file is only ever built to CommonJS, beside status.cjs: its own `require` resolves as one
 * made for status.cjs would (createRequire would load node:module and the ESM loader, ~0.3 ms),
 * and it is the `require` the bundles it loads get.
 */

const STATUS_FILE = 'status.cjs';
// pg for `status` on PostgreSQL, a bundle of its own so that `status` on SQLite never reads or
// compiles it (build.mjs; store/postgres/open-postgres.ts loads it through loadFastPg).
const PG_FILE = 'pg.cjs';

type StatusModule = { runFastStatus(args: readonly string[]): boolean; answerFastStatus(args: readonly string[]): Promise<number> | undefined };

/** pg, from dist/fast/pg.cjs and its code cache: for status.cjs (store/postgres/open-postgres.ts requires this file for it). */
export function loadFastPg(): typeof import('pg') {
  return loadFastBundle(join(__dirname, PG_FILE), require);
}

/**
 * Writes the code cache of dist/fast/status.cjs after it answered `args` (a plain status call, as
 * bin/issuetrack passes them: the argument check is then in the cache too) in this process, when
 * the run ends (status ends the process). For build.mjs only, in a child process of its own.
 */
export function writeStatusCodeCache(dir: string, args: readonly string[]): void {
  writeCodeCache<StatusModule>(join(dir, STATUS_FILE), require, (status) => {
    if (!status.runFastStatus(args)) throw new Error(`not a plain status call: ${args.join(' ')}`);
  });
}

/**
 * Writes status.cjs's second code cache, the one bin/issuetrack takes when the database it is
 * given is a PostgreSQL URL (POSTGRES_CACHE_SUFFIX): what answering each of `calls` in turn compiled,
 * in this process (build.mjs: one on SQLite, then one on PostgreSQL). Ends the process with the
 * first failing call's exit code. For build.mjs only, in a child process of its own.
 */
export function writeStatusPostgresCodeCache(dir: string, calls: readonly (readonly string[])[]): void {
  writeCodeCache<StatusModule>(
    join(dir, STATUS_FILE),
    require,
    (status) => {
      void (async () => {
        for (const args of calls) {
          const code = await status.answerFastStatus(args);
          if (code !== 0) process.exit(code ?? 64);
        }
        process.exit(0);
      })();
    },
    POSTGRES_CACHE_SUFFIX,
  );
}

/**
 * Writes the code cache of dist/fast/pg.cjs: what loading pg compiles, and what `exercise` then
 * compiles with it (build.mjs passes store/postgres/pg-cache-run.ts's exercisePg, bundled apart:
 * this file loads at every `status` on PostgreSQL). A failed exercise sets exit code 1; the cache
 * is written all the same. For build.mjs only.
 */
export function writePgCodeCache(dir: string, exercise?: (pg: Pick<typeof import('pg'), 'Pool'>) => Promise<void>): void {
  writeCodeCache<typeof import('pg')>(join(dir, PG_FILE), require, (pg) => {
    exercise?.(pg).catch((error: unknown) => {
      process.stderr.write(`pg's code cache: ${(error as Error).message}\n`);
      process.exitCode = 1;
    });
  });
}
