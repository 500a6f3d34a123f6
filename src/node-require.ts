import { createRequire } from 'node:module';

// build.mjs defines it (true) in the CommonJS status bundle only.
declare const __ISSUETRACK_CJS__: true | undefined;

/** True in the CommonJS status bundle (dist/fast/status.cjs), whose `require` resolves from dist/fast (bin/issuetrack gives it one). */
export const IN_STATUS_BUNDLE = typeof __ISSUETRACK_CJS__ !== 'undefined';

/**
 * require() for a module that must load on demand (node:tty, the SQLite addon, pg), resolving
 * from this bundle's folder. In the CommonJS status bundle (dist/fast/status.cjs) it is the
 * bundle's own `require`, so node:module and the ESM loader it brings (~0.3 ms of `status`,
 * bench/status-cold-start.mjs) never load there; esbuild drops the import along with the branch.
 */
export const nodeRequire: NodeJS.Require = typeof __ISSUETRACK_CJS__ !== 'undefined' ? require : createRequire(import.meta.url);
