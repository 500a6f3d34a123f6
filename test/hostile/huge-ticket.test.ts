import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { buildInput, REDACTION_CAP_CHARS } from '../../src/analysis/build-input.js';
import { redactText } from '../../src/analysis/redact.js';
import { startClaudeFake } from '../../src/sandbox/claude-server.js';
import { openStore } from '../../src/store/open-store.js';
import { cliEnv, collect, spawnCli } from '../helpers/cli.js';
import { seedTickets } from '../helpers/seed-tickets.js';
import { tempDir } from '../helpers/temp-dir.js';

const KEY = 'sk-ant-hostile';

describe('a huge ticket', () => {
  it('reaches the patterns capped, and emails at either end are still redacted', () => {
    const body = `write to ada@example.com ${'a'.repeat(3_000_000)} or to bob@example.org`;
    const input = buildInput(
      { id: 1, subject: 's', description: null, tags: [], channel: null, created_at: '2026-01-01T00:00:00Z', source_stamp: 'x', people: [], comments: [{ author_role: 'end-user', body, created_at: '2026-01-01T00:00:00Z', public: 1 }] },
      { redact: true },
    );
    expect(input.truncated).toBe(true);
    expect(input.text).not.toMatch(/ada@|bob@/);
    expect(input.text).toMatch(/\[EMAIL\]/);
    const omitted = Number(/\[\.\.\. (\d+) characters omitted/.exec(input.text)![1]);
    expect(omitted).toBeGreaterThan(3_000_000 - REDACTION_CAP_CHARS);
  });

  it('finds emails inside long letter and base64 runs the way it always did', () => {
    expect(redactText(`${'Q'.repeat(50_000)} x.y+z@mail.example.co.uk ${'a1'.repeat(20_000)}@x.io`)).toBe(`${'Q'.repeat(50_000)} [EMAIL] [EMAIL]`);
  });

  it('leaves analyze responsive to SIGTERM while it builds inputs from multi-megabyte tickets', async () => {
    const home = tempDir();
    const db = join(home, 'it.db');
    const store = openStore(db);
    const blob = (i: number) => `${String.fromCharCode(97 + i).repeat(2_000_000)} ${'Zm9vYmFy'.repeat(100_000)}`;
    seedTickets(store, Array.from({ length: 8 }, (_, i) => ({ id: i + 1, subject: `huge ${i}`, description: blob(i) })));
    await store.close();
    const fake = await startClaudeFake({ apiKey: KEY });
    onTestFinished(() => fake.close());
    const child = spawnCli(['analyze', '--verbose'], { env: cliEnv(home, { ISSUETRACK_DB: db, ANTHROPIC_BASE_URL: fake.url, ANTHROPIC_API_KEY: KEY }) });
    child.stdin!.end();
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (stderr.includes('selecting tickets')) child.kill('SIGTERM');
    });
    const result = await collect(child, 120_000);
    expect(result.exitCode).toBe(143);
    expect(result.stderr).toMatch(/issuetrack: interrupted by SIGTERM\n$/);
    const after = openStore(db);
    onTestFinished(() => after.close());
    expect(after.sqlite.prepare(`SELECT status FROM runs`).pluck().all()).toEqual(['cancelled']);
  }, 150_000);
});
