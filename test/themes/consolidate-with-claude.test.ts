import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it, onTestFinished } from 'vitest';
import { startClaudeFake } from '../../src/sandbox/claude-server.js';
import { openStore } from '../../src/store/open-store.js';
import { cliEnv, runCli } from '../helpers/cli.js';
import { seedTickets } from '../helpers/seed-tickets.js';
import { tempDir } from '../helpers/temp-dir.js';

const KEY = 'sk-ant-consolidate';

describe('trends --consolidate-with-claude', () => {
  it('merges the candidates Claude calls one problem with its reason and run id, and a later answer naming the merged theme lands in the survivor', async () => {
    const home = tempDir();
    const db = join(home, 'it.db');
    const store = openStore(db);
    const customer = (id: number, description: string) => ({ id, subject: `Ticket ${id}`, description, requester: { id: 700 + id, name: `Customer ${id}`, email: `c${id}@example.net` } });
    seedTickets(store, [
      customer(1, 'My two-factor code is rejected when I log in.'),
      customer(2, 'The 2FA code from my phone is always rejected.'),
      customer(3, 'Please add a dark mode.'),
      customer(4, 'A dark theme would be great for night work.'),
    ]);
    await store.close();
    const claude = await startClaudeFake({ apiKey: KEY, batchEndAfterPolls: 2 });
    onTestFinished(() => claude.close());
    const env = cliEnv(home, { ISSUETRACK_DB: db, ANTHROPIC_BASE_URL: claude.url, ANTHROPIC_API_KEY: KEY, ISSUETRACK_MODEL: 'claude-haiku-5-5' });
    const json = async (args: string[]) => {
      const out = await runCli(args, { env });
      expect(out.stderr).toBe('');
      expect(out.exitCode).toBe(0);
      return JSON.parse(out.stdout);
    };
    await json(['analyze', '--json']);
    await json(['trends', '--json']);
    const sqlite = new BetterSqlite3(db);
    onTestFinished(() => void sqlite.close());
    const themeOf = (ticketId: number) => (sqlite.prepare('SELECT cluster_id FROM issues WHERE ticket_id = ?').get(ticketId) as { cluster_id: number | null }).cluster_id;
    const twoFactor = themeOf(1)!;
    expect(themeOf(2)).toBe(twoFactor);
    // The same problem under other words and another category, as an earlier run may have left it.
    const authenticator = (
      sqlite
        .prepare(`INSERT INTO clusters (category, title, component, created_at, updated_at) VALUES ('security', 'Authenticator one-time password not accepted', 'sign-in', '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z') RETURNING id`)
        .get() as { id: number }
    ).id;

    // A batch goes out while both themes are live; its answer names the authenticator theme.
    seedTickets(openStoreSync(db), [customer(5, 'The one-time password from my authenticator is not accepted.')]);
    expect((await json(['analyze', '--batch', '--json'])).result.tickets_submitted).toBe(1);
    const batchItem = sqlite.prepare('SELECT theme_ids FROM batch_items WHERE ticket_id = 5').get() as { theme_ids: string };
    expect(JSON.parse(batchItem.theme_ids)).toContain(authenticator);

    const consolidate = await json(['trends', '--consolidate-with-claude', '--json']);
    expect(consolidate.result.batches.batches_open).toBe(1);
    expect(consolidate.result.themes_consolidated).toBe(1);
    expect(consolidate.result.consolidated).toEqual([{ from: authenticator, into: twoFactor, reason: expect.stringMatching(/^claude: .*Two-factor codes rejected at login/) }]);
    const judging = claude.requests.filter((r) => r.path === '/v1/messages' && r.body.includes('same_problem'));
    expect(judging).toHaveLength(1);
    const merge = sqlite.prepare('SELECT from_id, into_id, reason, run_id FROM cluster_merges').all();
    expect(merge).toEqual([{ from_id: authenticator, into_id: twoFactor, reason: consolidate.result.consolidated[0].reason, run_id: consolidate.run_id }]);
    expect((sqlite.prepare('SELECT merged_into FROM clusters WHERE id = ?').get(authenticator) as { merged_into: number }).merged_into).toBe(twoFactor);
    const darkMode = themeOf(3);
    expect((sqlite.prepare('SELECT merged_into FROM clusters WHERE id = ?').get(darkMode) as { merged_into: number | null }).merged_into).toBeNull();

    const later = await json(['trends', '--json']);
    expect(later.result.batches.tickets_analyzed).toBe(1);
    const stored = sqlite.prepare('SELECT title, suggested_cluster_id FROM issues WHERE ticket_id = 5').get();
    expect(stored).toEqual({ title: 'Authenticator one-time password not accepted', suggested_cluster_id: authenticator });
    expect(later.result.issues_placed_by_claude).toBe(1);
    expect(themeOf(5)).toBe(twoFactor);
    const usage = sqlite.prepare("SELECT count(*) AS n, max(run_id) AS run FROM api_usage WHERE purpose = 'consolidate_themes'").get();
    expect(usage).toEqual({ n: 1, run: consolidate.run_id });
  });
});

/** seedTickets wants a Store; this one is closed again right after. */
function openStoreSync(path: string) {
  const store = openStore(path);
  onTestFinished(() => store.close());
  return store;
}
