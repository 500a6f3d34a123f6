import { describe, expect, it } from 'vitest';
import { parseFastStatusArgs } from '../src/fast-status-args.js';

describe('parseFastStatusArgs', () => {
  it('recognises plain status calls with global options in any order', () => {
    expect(parseFastStatusArgs(['status'])).toEqual({});
    expect(parseFastStatusArgs(['status', '--json'])).toEqual({ json: true });
    expect(parseFastStatusArgs(['--db', '/x.db', 'status', '-q'])).toEqual({ db: '/x.db', quiet: true });
    expect(parseFastStatusArgs(['status', '--db=/y.db', '--debug'])).toEqual({ db: '/y.db', debug: true });
    expect(parseFastStatusArgs(['status', '--days', '30'])).toEqual({ days: 30 });
    expect(parseFastStatusArgs(['status', '--days=1', '--json'])).toEqual({ days: 1, json: true });
  });

  it('leaves everything else to the full program, which owns usage errors', () => {
    for (const args of [[], ['sync'], ['status', '--help'], ['status', '--bogus'], ['status', 'extra'], ['--json', 'status'], ['status', '--db'], ['status', '--db', '--json'], ['status', '--db', 'a', '--db', 'b'], ['status', '--db='], ['status', '--days', '31'], ['status', '--days', '0'], ['status', '--days', '07'], ['status', '--days'], ['--days', '7', 'status'], ['status', '--days', '7', '--days', '8']]) {
      expect(parseFastStatusArgs(args)).toBeNull();
    }
  });
});
