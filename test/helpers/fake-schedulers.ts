import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/*
 * Stand-ins for `crontab` and `systemctl` on PATH, so schedule tests never touch the real
 * user's crontab or systemd manager. Each keeps its state in files under the test's home.
 */

/** A stand-in `crontab` that keeps the table in a file, as the real one keeps it per user. */
export function fakeCrontab(home: string): { bin: string; table: string } {
  const bin = join(home, 'bin');
  const table = join(home, 'crontab.txt');
  mkdirSync(bin, { recursive: true });
  writeFileSync(
    join(bin, 'crontab'),
    `#!/bin/sh
if [ "$1" = "-l" ]; then [ -f "${table}" ] || { echo "no crontab for tester" >&2; exit 1; }; cat "${table}"; exit 0; fi
if [ "$1" = "-" ]; then cat > "${table}"; exit 0; fi
exit 2
`,
  );
  chmodSync(join(bin, 'crontab'), 0o755);
  return { bin, table };
}

export interface FakeSystemctl {
  bin: string;
  /** Every call's arguments, one line each. */
  calls(): string[];
  /** Makes every call fail from now on, as with no user manager to talk to (a container, ssh without lingering). */
  loseUserManager(): void;
}

/** A stand-in `systemctl` that records its calls and succeeds, unless told there is no user manager. */
export function fakeSystemctl(home: string): FakeSystemctl {
  const bin = join(home, 'bin');
  const log = join(home, 'systemctl.log');
  const flag = join(home, 'systemctl-no-manager');
  mkdirSync(bin, { recursive: true });
  writeFileSync(
    join(bin, 'systemctl'),
    `#!/bin/sh
echo "$*" >> "${log}"
if [ -f "${flag}" ]; then echo "Failed to connect to bus: No medium found" >&2; exit 1; fi
exit 0
`,
  );
  chmodSync(join(bin, 'systemctl'), 0o755);
  return {
    bin,
    calls: () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : []),
    loseUserManager: () => writeFileSync(flag, ''),
  };
}

/** A secrets file with `mode` (0600 unless told). */
export function privateFile(home: string, mode = 0o600): string {
  const path = join(home, 'env');
  writeFileSync(path, 'ZENDESK_SUBDOMAIN=acme\n', { mode });
  chmodSync(path, mode);
  return path;
}
