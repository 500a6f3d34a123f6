import { chmodSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './temp-dir.js';

/**
 * A stand-in for /usr/sbin/sendmail: a shell script that saves its arguments and the message it
 * reads on stdin into a folder, one file per call, then exits with `exitCode` (0 sent, 75
 * EX_TEMPFAIL, 67 EX_NOUSER...).
 */
export function fakeSendmail(exitCode = 0): { path: string; messages: () => Array<{ args: string; message: string }> } {
  const dir = tempDir('issuetrack-sendmail-');
  const path = join(dir, 'sendmail');
  writeFileSync(
    path,
    `#!/bin/sh
n=$(ls "${dir}" | grep -c '^msg-' || true)
printf '%s\\n' "$*" > "${dir}/args-$n"
cat > "${dir}/msg-$n"
${exitCode === 0 ? '' : `echo "fake sendmail: refusing with ${exitCode}" >&2`}
exit ${exitCode}
`,
  );
  chmodSync(path, 0o755);
  return {
    path,
    messages: () =>
      readdirSync(dir)
        .filter((f) => f.startsWith('msg-'))
        .sort()
        .map((f) => ({ args: existsSync(join(dir, f.replace('msg-', 'args-'))) ? readFileSync(join(dir, f.replace('msg-', 'args-')), 'utf8').trim() : '', message: readFileSync(join(dir, f), 'utf8') })),
  };
}
