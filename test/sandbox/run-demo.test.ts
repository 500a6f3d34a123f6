import { describe, expect, it } from 'vitest';
import { silentReporter } from '../../src/output/reporter.js';
import { runDemo } from '../../src/sandbox/run-demo.js';
import { generateSampleInbox } from '../../src/sandbox/sample-inbox.js';
import { tempDir } from '../helpers/temp-dir.js';

describe('runDemo', () => {
  it('sends Claude redacted text only: no planted email, phone number or name reaches the stand-in', async () => {
    const home = tempDir();
    let startMs: number | undefined;
    const clock = {
      now: () => {
        const now = Date.now();
        startMs ??= now;
        return now;
      },
    };
    const result = await runDemo({ cwd: home, tmpRoot: home, reporter: silentReporter, signal: new AbortController().signal, clock, pid: process.pid });
    const { planted } = generateSampleInbox({ nowMs: startMs! });
    const bodies = result.claudeRequests.filter((r) => r.path === '/v1/messages').map((r) => r.body);

    expect(bodies.length).toBe(result.sandbox.tickets - result.sandbox.deleted_tickets);
    expect(planted.length).toBeGreaterThan(100);
    for (const body of bodies) {
      for (const secret of planted) expect(body.includes(secret) || body.includes(JSON.stringify(secret).slice(1, -1))).toBe(false);
    }
    // Redaction is visible, not merely absent text: the placeholders stand where the data was.
    const all = bodies.join('\n');
    for (const placeholder of ['[EMAIL]', '[PHONE]', '[NAME]']) expect(all).toContain(placeholder);
  });
});
