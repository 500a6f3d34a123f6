import { afterEach, describe, expect, it } from 'vitest';
import { isoWithOffset, scheduleTimeZone } from '../../src/schedule/local-time.js';

describe('isoWithOffset', () => {
  it('writes the local time with the zone offset, and parses back to the same instant', () => {
    const ms = Date.parse('2026-11-29T01:00:00Z');
    const text = isoWithOffset(ms);
    expect(text).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
    expect(Date.parse(text)).toBe(ms);
  });
});

describe('scheduleTimeZone', () => {
  const saved = process.env.TZ;
  afterEach(() => {
    // Node re-reads the zone whenever process.env.TZ is set or deleted.
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  });
  const icuName = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

  it("names the machine's own zone as ICU does", () => {
    delete process.env.TZ;
    expect(scheduleTimeZone()).toBe(icuName());
  });

  // Canonical names, V8's UTC aliases, links ICU renames, POSIX strings, nonsense, empty.
  const zones = ['Europe/Berlin', 'America/Buenos_Aires', 'Asia/Calcutta', 'Asia/Kolkata', 'US/Pacific', 'Europe/Kyiv',
    'UTC', 'Etc/UTC', 'GMT', 'Etc/GMT', 'Etc/Universal', 'Etc/Zulu', 'EST5EDT', 'CET-1CEST', ':/etc/localtime', 'posix/Europe/Paris', 'Nowhere/Foo', ''];
  it.each(zones)('names TZ=%j as ICU does', (tz) => {
    process.env.TZ = tz;
    expect(scheduleTimeZone()).toBe(icuName());
  });

  it('names every zone ICU calls canonical by that name', () => {
    const mismatches = Intl.supportedValuesOf('timeZone').filter((zone) => {
      process.env.TZ = zone;
      return scheduleTimeZone() !== zone || icuName() !== zone;
    });
    expect(mismatches).toEqual([]);
  });
});
