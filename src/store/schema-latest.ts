// The newest migration's version, put in by build.mjs (every bundle) and vitest.config.ts, both
// from src/store/migrations.ts: the same number as migrate.ts's SCHEMA_VERSION.
declare const __ISSUETRACK_SCHEMA_VERSION__: number;

/**
 * The schema version this issuetrack migrates to, known without loading the migrations: building
 * their SQL costs a command that only reads (`status`) ~0.5 ms (bench/status-cold-start.mjs),
 * and such a command only compares versions (open-sqlite-read.ts, inspect-sqlite.ts).
 */
export const LATEST_SCHEMA_VERSION: number = __ISSUETRACK_SCHEMA_VERSION__;
