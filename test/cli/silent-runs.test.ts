import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { startClaudeFake } from '../../src/sandbox/claude-server.js';
import { cliEnv, runCli } from '../helpers/cli.js';
import { seedTickets } from '../helpers/seed-tickets.js';
import { tempDir } from '../helpers/temp-dir.js';

describe('a run from cron', () => {
  it('prints nothing at all when it succeeds, even at --concurrency 16 through retried faults', async () => {
    const home = tempDir();
    const db = join(home, 'it.db');
    const store = openStore(db);
    seedTickets(store, Array.from({ length: 48 }, (_, i) => ({ id: i + 1, subject: `Ticket ${i + 1}`, description: 'The app crashes on login.', requester: { id: 9000 + i, name: 'Ana Lee', email: 'ana@example.net' } })));
    await store.close();
    const claude = await startClaudeFake({ apiKey: 'sk-cron', latencyMs: 20, faults: { rate: 0.2, kinds: ['429', '529', '500'] }, retryAfterMs: 5 });
    onTestFinished(() => claude.close());
    const result = await runCli(['analyze', '--concurrency', '16'], { env: cliEnv(home, { ISSUETRACK_DB: db, ANTHROPIC_BASE_URL: claude.url, ANTHROPIC_API_KEY: 'sk-cron' }) });
    expect(result.exitCode).toBe(0);
    expect(claude.stats.errors).toBeGreaterThan(0); // faults did happen and were retried
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(''); // no MaxListenersExceededWarning or anything else for cron to mail
  });
});
