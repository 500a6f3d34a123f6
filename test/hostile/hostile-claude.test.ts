import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { HOSTILE_TITLE, startClaudeFake } from '../../src/sandbox/claude-server.js';
import { openStore } from '../../src/store/open-store.js';
import { cliEnv, runCli } from '../helpers/cli.js';
import { seedTickets } from '../helpers/seed-tickets.js';
import { tempDir } from '../helpers/temp-dir.js';

const KEY = 'sk-ant-hostile-answers';
/** What a terminal would act on; tab and newline delimit TSV and lines. */
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/;

describe("Claude's answers as hostile input", () => {
  it('reach issues, issues show and the Markdown report escaped, and issues --json exact', async () => {
    const home = tempDir();
    const db = join(home, 'it.db');
    const store = openStore(db);
    seedTickets(store, Array.from({ length: 4 }, (_, i) => ({ id: i + 1, subject: `Refund ${i}`, description: 'The refund button fails with an error every time.', createdAt: new Date(Date.now() - 3_600_000).toISOString() })));
    await store.close();
    const fake = await startClaudeFake({ apiKey: KEY, faults: { rate: 1, kinds: ['hostile_text'] } });
    onTestFinished(() => fake.close());
    const env = cliEnv(home, { ISSUETRACK_DB: db, ANTHROPIC_BASE_URL: fake.url, ANTHROPIC_API_KEY: KEY, ZENDESK_SUBDOMAIN: 'acme' });

    const analyzed = await runCli(['analyze', '--json'], { env });
    expect(analyzed.exitCode).toBe(0);
    expect(JSON.parse(analyzed.stdout).result.tickets_analyzed).toBe(4);
    expect((await runCli(['trends'], { env })).exitCode).toBe(0);

    const json = JSON.parse((await runCli(['issues', '--json'], { env })).stdout) as Array<{ id: number; title: string; component: string }>;
    expect(json[0]!.component).toBe('pay\x1b[31mments');
    expect(json[0]!.title).toContain('\u202e');

    const outputs = [
      (await runCli(['issues'], { env })).stdout,
      (await runCli(['issues', 'show', String(json[0]!.id)], { env })).stdout,
      (await runCli(['report', '--format', 'md'], { env })).stdout,
    ];
    for (const out of outputs) {
      expect(out).not.toMatch(RAW_CONTROL);
      expect(out).toContain('pay\\x1b[31mments');
    }
    expect(HOSTILE_TITLE).toMatch(RAW_CONTROL);
  });
});
