/**
 * Local time as cron and systemd read it. Schedules fire in the machine's time zone (TZ, else
 * /etc/localtime), so that zone is what we show and what offsets are computed in.
 */

/** The IANA name of the zone schedules fire in, like "Europe/Berlin" (UTC when unknown). */
export function scheduleTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
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
