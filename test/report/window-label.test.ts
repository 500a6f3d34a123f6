import { describe, expect, it } from 'vitest';
import { windowLabel } from '../../src/report/theme-format.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('windowLabel', () => {
  it('writes a window as people write it: minutes, hours or days', () => {
    expect(windowLabel(30 * MINUTE)).toBe('30m');
    expect(windowLabel(90 * MINUTE)).toBe('90m');
    expect(windowLabel(HOUR)).toBe('1h');
    expect(windowLabel(36 * HOUR)).toBe('36h');
    expect(windowLabel(24 * HOUR)).toBe('1d');
    expect(windowLabel(7 * 24 * HOUR)).toBe('7d');
    expect(windowLabel(14 * 24 * HOUR)).toBe('14d');
  });
});
