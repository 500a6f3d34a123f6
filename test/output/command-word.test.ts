import { describe, expect, it } from 'vitest';
import { commandWord, type InvocationFacts } from '../../src/output/command-word.js';

/** A file system of links: path → real path; anything else does not exist. */
function facts(over: Partial<InvocationFacts>, links: Record<string, string> = {}): InvocationFacts {
  return { script: '/src/issuetrack/bin/issuetrack', cwd: '/src/issuetrack', path: '/usr/bin:/bin', realpath: (f) => links[f] ?? (f === over.script ? f : null), ...over };
}

describe('the command a hint prints', () => {
  it('is `issuetrack` when that name on PATH is this CLI', () => {
    const script = '/usr/local/bin/issuetrack';
    const links = { [script]: '/usr/lib/node_modules/issuetrack/bin/issuetrack' };
    expect(commandWord(facts({ script, path: '/usr/bin:/usr/local/bin' }, links))).toBe('issuetrack');
  });

  it('is `./bin/issuetrack` from a checkout where issuetrack is not on PATH (after npm ci)', () => {
    expect(commandWord(facts({ script: '/src/issuetrack/bin/issuetrack' }))).toBe('./bin/issuetrack');
  });

  it('is `npx issuetrack` when the local install is what ran', () => {
    const script = '/app/node_modules/.bin/issuetrack';
    const real = '/app/node_modules/issuetrack/bin/issuetrack';
    expect(commandWord(facts({ script, cwd: '/app' }, { [script]: real }))).toBe('npx issuetrack');
  });

  it('is the quoted full path when run from elsewhere', () => {
    expect(commandWord(facts({ script: "/opt/it's/bin/issuetrack", cwd: '/home/me' }))).toBe(`'/opt/it'\\''s/bin/issuetrack'`);
  });

  it('runs a bundle file through node', () => {
    expect(commandWord(facts({ script: '/src/issuetrack/dist/cli.js' }))).toBe('node ./dist/cli.js');
  });
});
