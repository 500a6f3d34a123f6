import { expect, it, onTestFinished } from 'vitest';
import { startClaudeFake } from '../../src/sandbox/claude-server.js';
import { queryAll, queryOne } from '../../src/store/raw-query.js';
import { cliEnv, runCli } from '../helpers/cli.js';
import { describeEachDialect, newDatabase, openReader } from '../helpers/dialects.js';
import { seedTicketsInto } from '../helpers/seed-tickets.js';
import { tempDir } from '../helpers/temp-dir.js';

const KEY = 'sk-ant-consolidate';

describeEachDialect('trends --consolidate-with-claude', (dialect) => {
  it('merges the candidates Claude calls one problem with its reason and run id, and a later answer naming the merged theme lands in the survivor', async () => {
    const home = tempDir();
    const db = await newDatabase(dialect, home);
    const store = await openReader(db); // kept open for the test's own reads and writes
    const customer = (id: number, description: string) => ({ id, subject: `Ticket ${id}`, description, requester: { id: 700 + id, name: `Customer ${id}`, email: `c${id}@example.net` } });
    await seedTicketsInto(store, [
      customer(1, 'My two-factor code is rejected when I log in.'),
      customer(2, 'The 2FA code from my phone is always rejected.'),
      customer(3, 'Please add a dark mode.'),
      customer(4, 'A dark theme would be great for night work.'),
    ]);
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
    const row = <T,>(sql: string, params: unknown[] = []) => queryOne<T>(store, sql, params);
    const themeOf = async (ticketId: number) => (await row<{ cluster_id: number | null }>('SELECT cluster_id FROM issues WHERE ticket_id = ?', [ticketId]))!.cluster_id;
    const mergedInto = async (id: number) => (await row<{ merged_into: number | null }>('SELECT merged_into FROM clusters WHERE id = ?', [id]))!.merged_into;
    const twoFactor = (await themeOf(1))!;
    expect(await themeOf(2)).toBe(twoFactor);
    // The same problem under other words and another category, as an earlier run may have left it.
    const { id: authenticator } = await store.db
      .insertInto('clusters')
      .values({ category: 'security', title: 'Authenticator one-time password not accepted', component: 'sign-in', created_at: '2026-11-01T00:00:00Z', updated_at: '2026-11-01T00:00:00Z' })
      .returning('id')
      .executeTakeFirstOrThrow();

    // A batch goes out while both themes are live; its answer names the authenticator theme.
    await seedTicketsInto(store, [customer(5, 'The one-time password from my authenticator is not accepted.')]);
    expect((await json(['analyze', '--batch', '--json'])).result.tickets_submitted).toBe(1);
    const batchItem = await row<{ theme_ids: string }>('SELECT theme_ids FROM batch_items WHERE ticket_id = 5');
    expect(JSON.parse(batchItem!.theme_ids)).toContain(authenticator);

    const consolidate = await json(['trends', '--consolidate-with-claude', '--json']);
    expect(consolidate.result.batches.batches_open).toBe(1);
    expect(consolidate.result.themes_consolidated).toBe(1);
    expect(consolidate.result.consolidated).toEqual([{ from: authenticator, into: twoFactor, reason: expect.stringMatching(/^claude: .*Two-factor codes rejected at login/) }]);
    const judging = claude.requests.filter((r) => r.path === '/v1/messages' && r.body.includes('same_problem'));
    expect(judging).toHaveLength(1);
    const merge = await queryAll(store, 'SELECT from_id, into_id, reason, run_id FROM cluster_merges');
    expect(merge).toEqual([{ from_id: authenticator, into_id: twoFactor, reason: consolidate.result.consolidated[0].reason, run_id: consolidate.run_id }]);
    expect(await mergedInto(authenticator)).toBe(twoFactor);
    expect(await mergedInto((await themeOf(3))!)).toBeNull(); // dark mode

    const later = await json(['trends', '--json']);
    expect(later.result.batches.tickets_analyzed).toBe(1);
    const stored = await row('SELECT title, suggested_cluster_id FROM issues WHERE ticket_id = 5');
    expect(stored).toEqual({ title: 'Authenticator one-time password not accepted', suggested_cluster_id: authenticator });
    expect(later.result.issues_placed_by_claude).toBe(1);
    expect(await themeOf(5)).toBe(twoFactor);
    const usage = await row("SELECT count(*) AS n, max(run_id) AS run FROM api_usage WHERE purpose = 'consolidate_themes'");
    expect(usage).toEqual({ n: 1, run: consolidate.run_id });
  });
});
