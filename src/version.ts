// Fixed at build time by build.mjs (esbuild `define`) in every bundle, the CommonJS fast path
// included. vitest.config.ts defines the schema version too; the package version is absent when
// src/ runs unbundled (vitest), hence the fallbacks.
declare const __ISSUETRACK_VERSION__: string | undefined;
declare const __ISSUETRACK_SCHEMA_VERSION__: number | undefined;

/** The package's version (package.json), or '0.0.0' when running from source. */
export const VERSION: string = typeof __ISSUETRACK_VERSION__ === 'string' ? __ISSUETRACK_VERSION__ : '0.0.0';

/**
 * What `--version` prints: the package version and the database schema this build migrates to
 * (the newest migration's version, read by build.mjs so that `--version` loads no migrations).
 * Starts with the bare version, so `issuetrack --version | cut -d' ' -f1` stays a semver.
 */
export function versionLine(): string {
  return typeof __ISSUETRACK_SCHEMA_VERSION__ === 'number' ? `${VERSION} (schema ${__ISSUETRACK_SCHEMA_VERSION__})` : VERSION;
}
