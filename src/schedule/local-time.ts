import { readlinkSync } from 'node:fs';

/**
 * Local time as cron and systemd read it. Schedules fire in the machine's time zone (TZ, else
 * /etc/localtime), so that zone is what we show and what offsets are computed in.
 */

/**
 * The IANA name of the zone schedules fire in, like "Europe/Berlin" (UTC when unknown): the
 * name `Intl.DateTimeFormat().resolvedOptions().timeZone` gives. Building that formatter loads
 * ICU's locale data, 12-35 ms here, more than all the rest of `status` (bench/status-cold-start.mjs);
 * so the zone is first read where ICU itself reads it (TZ, else the /etc/localtime link, see
 * ICU's putil.cpp uprv_tzname) and taken when ICU would name it the same: a canonical zone of
 * Intl.supportedValuesOf('timeZone') (~2 ms), or one of V8's names for UTC. Anything else (a
 * POSIX TZ string, a link name such as Asia/Kolkata, a copied /etc/localtime) asks ICU.
 * test/schedule/local-time.test.ts checks both ways agree.
 */
export function scheduleTimeZone(): string {
  return hostZoneAsIcuNamesIt() ?? (Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC');
}

// Names V8 reports as "UTC" (checked one by one; other aliases go to ICU).
const UTC_NAMES = new Set(['UTC', 'Etc/UTC', 'Etc/GMT', 'GMT', 'Etc/Universal']);

function hostZoneAsIcuNamesIt(): string | undefined {
  // TZ is what ICU reads first (as the C library does); an empty TZ is its own case, for ICU.
  const tz = process.env.TZ;
  const name = tz !== undefined ? tz : zoneOfLocaltimeLink();
  if (name === undefined) return undefined;
  if (UTC_NAMES.has(name)) return 'UTC';
  return Intl.supportedValuesOf('timeZone').includes(name) ? name : undefined;
}

/** "Europe/Berlin" from /etc/localtime -> /usr/share/zoneinfo/Europe/Berlin; undefined when it is no link. */
function zoneOfLocaltimeLink(): string | undefined {
  try {
    // indexOf, not a regex: each regex a process runs is compiled first, and status runs this one
    // every time. A name that is not a zone's is refused by the caller, which then asks ICU.
    const link = readlinkSync('/etc/localtime');
    const at = link.indexOf('/zoneinfo/');
    return at < 0 || at + 10 === link.length ? undefined : link.slice(at + 10);
  } catch {
    return undefined;
  }
}

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');

/** ISO 8601 in local time with its offset, like 2026-11-29T02:00:00+01:00 (seconds precision). Pure but for the zone. */
export function isoWithOffset(ms: number): string {
  const d = new Date(ms);
  const offset = -d.getTimezoneOffset();
  const sign = offset < 0 ? '-' : '+';
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}` +
    `${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`
  );
}
