import type { GlobalOptions } from './build-deps.js';

export type FastStatusArgs = GlobalOptions & { json?: boolean; days?: number };

/**
 * Recognises the plain `status` invocations (`status`, `status --json`, with `--db PATH`,
 * `--db=PATH`, `-q`, `-v`, `--debug`, `--days N` of 1..30, in any order) so bin/issuetrack can answer them through
 * status-fast.ts. Anything else, including help and every mistake, returns null and goes
 * through the full program, which owns usage errors. Pure.
 */
export function parseFastStatusArgs(args: readonly string[]): FastStatusArgs | null {
  const opts: FastStatusArgs = {};
  let sawStatus = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === 'status' && !sawStatus) sawStatus = true;
    else if (arg === '--json' && sawStatus) opts.json = true;
    else if (arg === '-q' || arg === '--quiet') opts.quiet = true;
    else if (arg === '-v' || arg === '--verbose') opts.verbose = true;
    else if (arg === '--debug') opts.debug = true;
    else if (arg === '--db' && opts.db === undefined && i + 1 < args.length && !args[i + 1]!.startsWith('-')) opts.db = args[++i];
    else if (arg.startsWith('--db=') && opts.db === undefined && arg.length > 5) opts.db = arg.slice(5);
    else if (arg === '--days' && sawStatus && opts.days === undefined && dayCount(args[i + 1]) !== undefined) opts.days = dayCount(args[++i]);
    else if (arg.startsWith('--days=') && sawStatus && opts.days === undefined && dayCount(arg.slice(7)) !== undefined) opts.days = dayCount(arg.slice(7));
    else return null;
  }
  return sawStatus ? opts : null;
}

/** 1..30 written plainly, as `status --days` takes it; anything else is for the full program to refuse. */
function dayCount(text: string | undefined): number | undefined {
  if (!text || !/^[1-9]\d?$/.test(text)) return undefined;
  const n = Number(text);
  return n <= 30 ? n : undefined;
}
