import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { JOBS } from '../../src/schedule/jobs.js';
import { renderCrontab } from '../../src/schedule/render-cron.js';
import { renderSystemdUnits } from '../../src/schedule/render-systemd.js';

// The examples in the repository are what the renderers produce for a system-wide install.
// Regenerate with: UPDATE_EXAMPLES=1 npx vitest run test/schedule/examples.test.ts
const root = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
const invocation = {
  nodePath: '/usr/bin/node',
  cliPath: '/opt/issuetrack/bin/issuetrack',
  dbPath: '/var/lib/issuetrack/issuetrack.db',
  envFile: '/etc/issuetrack/env',
};
const expected: Record<string, string> = {
  'crontab.example': renderCrontab(JOBS, invocation),
  ...Object.fromEntries(
    renderSystemdUnits(JOBS, invocation, '/var/lib/issuetrack /var/log/issuetrack').map((u) => [`systemd/${u.name}`, u.content]),
  ),
};

describe('the scheduling examples in the repository', () => {
  for (const [path, content] of Object.entries(expected)) {
    it(`${path} is what the renderer produces`, () => {
      if (process.env.UPDATE_EXAMPLES) writeFileSync(root(path), content);
      expect(readFileSync(root(path), 'utf8')).toBe(content);
    });
  }
});
