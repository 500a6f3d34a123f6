import { describe, expect, it } from 'vitest';
import { UnavailableError } from '../../src/errors.js';
import { pagingGuard } from '../../src/zendesk/paging-guard.js';

describe('pagingGuard', () => {
  it('lets cursors that advance through', () => {
    const guard = pagingGuard('the export', { maxPages: 100 });
    expect(['a', 'b', 'c'].map((c) => guard.advance(c))).toEqual([1, 2, 3]);
  });

  it('stops with exit 69 on a cursor that repeats the one just read', () => {
    const guard = pagingGuard('the export from acme.zendesk.com', { maxPages: 100 });
    guard.advance('a');
    const error = (() => {
      try {
        guard.advance('a');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(UnavailableError);
    expect((error as UnavailableError).exitCode).toBe(69);
    expect((error as Error).message).toMatch(/^the export from acme\.zendesk\.com sent a cursor that does not advance/);
  });

  it('stops on the stored cursor it resumed from and on a longer cycle', () => {
    expect(() => pagingGuard('x', { maxPages: 100, start: 's' }).advance('s')).toThrow(/does not advance/);
    const guard = pagingGuard('x', { maxPages: 100 });
    guard.advance('a');
    guard.advance('b');
    expect(() => guard.advance('a')).toThrow(/does not advance/);
  });

  it('stops at the page cap even when every cursor is new', () => {
    const guard = pagingGuard('the comments of ticket 7', { maxPages: 5 });
    for (let i = 1; i < 5; i++) guard.advance(`c${i}`);
    expect(() => guard.advance('c5')).toThrow(/still paging after 5 pages/);
  });

  it('answers whether a position would pass exactly as advance would, without counting it', () => {
    const guard = pagingGuard('x', { maxPages: 3, start: 's' });
    expect(guard.wouldAdvance('s')).toBe(false);
    expect(guard.wouldAdvance('a')).toBe(true);
    expect(guard.wouldAdvance('a')).toBe(true);
    guard.advance('a');
    expect(guard.wouldAdvance('a')).toBe(false);
    expect(guard.wouldAdvance('b')).toBe(true);
    guard.advance('b');
    expect(guard.wouldAdvance('c')).toBe(false); // the third page is the cap
    expect(() => guard.advance('c')).toThrow(/still paging after 3 pages/);
  });
});
