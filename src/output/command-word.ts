import { realpathSync } from 'node:fs';
import { delimiter, isAbsolute, join, relative, sep } from 'node:path';

/** Where the lookup of how this CLI was started reads from (the process's own, at the edge). */
export interface InvocationFacts {
  /** process.argv[1]: the script node was given. */
  script: string | undefined;
  cwd: string;
  /** The PATH variable. */
  path: string | undefined;
  /** Resolves links; null when the file does not exist. */
  realpath: (file: string) => string | null;
}

/**
 * The words to put in a hint so that it works as typed here: `issuetrack` when that name on PATH
 * is this very CLI, `npx issuetrack` when it is this folder's local install, otherwise the path
 * that was run (`./bin/issuetrack` from the checkout), shell-quoted. Never throws.
 */
export function commandWord(facts: InvocationFacts): string {
  if (!facts.script) return 'issuetrack';
  const self = facts.realpath(facts.script) ?? facts.script;
  for (const dir of (facts.path ?? '').split(delimiter)) {
    if (dir && facts.realpath(join(dir, 'issuetrack')) === self) return 'issuetrack';
  }
  if (facts.realpath(join(facts.cwd, 'node_modules', '.bin', 'issuetrack')) === self) return 'npx issuetrack';
  const absolute = isAbsolute(facts.script) ? facts.script : join(facts.cwd, facts.script);
  const rel = relative(facts.cwd, absolute);
  const typed = rel && !rel.startsWith('..') && !isAbsolute(rel) ? `.${sep}${rel}` : absolute;
  // A bundle file is not executable by itself: `node dist/cli.js`.
  return /\.[cm]?js$/.test(typed) ? `node ${shellWord(typed)}` : shellWord(typed);
}

/** The facts of this process, for commandWord(). */
export function processInvocation(env: Readonly<Record<string, string | undefined>>): InvocationFacts {
  return {
    script: process.argv[1],
    cwd: process.cwd(),
    path: env.PATH,
    realpath: (file) => {
      try {
        return realpathSync(file);
      } catch {
        return null;
      }
    },
  };
}

/** Quotes a word for a POSIX shell line only when it needs it. */
export function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}
