import { describe, expect, it } from 'vitest';
import { isoWithOffset } from '../../src/schedule/local-time.js';

describe('isoWithOffset', () => {
  it('writes the local time with the zone offset, and parses back to the same instant', () => {
    const ms = Date.parse('2026-11-29T01:00:00Z');
    const text = isoWithOffset(ms);
    expect(text).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
    expect(Date.parse(text)).toBe(ms);
  });
});
