import { describe, expect, it } from 'vitest';
import { parseFastStatusArgs } from '../src/fast-status-args.js';

describe('parseFastStatusArgs', () => {
  it('recognises plain status calls with global options in any order', () => {
    expect(parseFastStatusArgs(['status'])).toEqual({});
    expect(parseFastStatusArgs(['status', '--json'])).toEqual({ json: true });
    expect(parseFastStatusArgs(['--db', '/x.db', 'status', '-q'])).toEqual({ db: '/x.db', quiet: true });
    expect(parseFastStatusArgs(['status', '--db=/y.db', '--debug'])).toEqual({ db: '/y.db', debug: true });
  });

  it('leaves everything else to the full program, which owns usage errors', () => {
    for (const args of [[], ['sync'], ['status', '--help'], ['status', '--bogus'], ['status', 'extra'], ['--json', 'status'], ['status', '--db'], ['status', '--db', '--json'], ['status', '--db', 'a', '--db', 'b'], ['status', '--db=']]) {
      expect(parseFastStatusArgs(args)).toBeNull();
    }
  });
});
