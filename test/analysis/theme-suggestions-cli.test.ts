import { expect, it, onTestFinished } from 'vitest';
import { startClaudeFake } from '../../src/sandbox/claude-server.js';
import type { Dialect } from '../../src/store/database-target.js';
import { queryAll, queryOne } from '../../src/store/raw-query.js';
import type { Store } from '../../src/store/store.js';
import { SHORTLIST_SIZE } from '../../src/themes/theme-shortlist.js';
import { cliEnv, runCli } from '../helpers/cli.js';
import { describeEachDialect, openReader, seededDatabase } from '../helpers/dialects.js';
import type { SeedTicket } from '../helpers/seed-tickets.js';
import { tempDir } from '../helpers/temp-dir.js';

const KEY = 'sk-ant-shortlist';
const MODEL = 'claude-haiku-5-5';
const AREAS = ['CSV export', 'login page', 'password reset', 'dashboard', 'invoice', 'mobile app', 'Slack integration', 'public API'];
const PROBLEMS = ['is slow to load', 'fails with an error', 'shows the wrong data', 'is hard to find', 'times out'];

/** Themes as earlier trends runs leave them (rows of `clusters`); returns their ids. */
async function addThemes(store: Store, themes: Array<{ title: string; category: string; component: string | null }>): Promise<number[]> {
  const rows = await store.db
    .insertInto('clusters')
    .values(themes.map((t) => ({ ...t, keywords: '[]', created_at: '2026-11-01T00:00:00Z', updated_at: '2026-11-01T00:00:00Z' })))
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

const manyThemes = () => AREAS.flatMap((area) => PROBLEMS.map((p) => ({ title: `${area} ${p}`, category: 'bug', component: area.toLowerCase() })));

/** A fresh database of `dialect` holding `tickets` (and a store over it), a stand-in Claude, and the CLI environment for both. */
async function setup(dialect: Dialect, tickets: SeedTicket[]) {
  const home = tempDir();
  const db = await seededDatabase(dialect, home, tickets);
  const store = await openReader(db);
  const claude = await startClaudeFake({ apiKey: KEY });
  onTestFinished(() => claude.close());
  const env = cliEnv(home, { ISSUETRACK_DB: db, ANTHROPIC_BASE_URL: claude.url, ANTHROPIC_API_KEY: KEY, ISSUETRACK_MODEL: MODEL });
  return { store, claude, env };
}

const userTurns = (claude: { requests: Array<{ path: string; body: string }> }) =>
  claude.requests.filter((r) => r.path === '/v1/messages').map((r) => JSON.parse(r.body) as { system: Array<{ cache_control?: unknown }>; messages: Array<{ content: string }> });

describeEachDialect('analyze offers a shortlist of existing themes', (dialect) => {
  it('sends at most twenty themes after the cached prefix, stores the theme chosen, and trends places the issue in it', async () => {
    const ticket = { id: 1, subject: 'Cannot get in', description: 'My two-factor code is rejected every single time I try to log in; the page shows an error and is slow to load.', requester: { id: 501, name: 'Ana Lima', email: 'ana@example.net' } };
    const other = { id: 2, subject: 'Idea', description: 'Please add a dark mode, my eyes hurt at night.', requester: { id: 502 } };
    const { store, claude, env } = await setup(dialect, [ticket, other]);
    // The same problem, worded otherwise and filed under another category by an earlier run.
    const [twoFactor] = await addThemes(store, [{ title: 'Authenticator one-time password not accepted', category: 'security', component: 'sign-in' }]);
    await addThemes(store, manyThemes());

    const analyze = await runCli(['analyze', '--json'], { env });
    expect(analyze.stderr).toBe('');
    expect(JSON.parse(analyze.stdout).result).toMatchObject({ tickets_analyzed: 2, prompt_version: 'a2' });

    const sent = userTurns(claude).find((body) => body.messages[0]!.content.includes('<ticket id="1">'))!;
    expect(sent.system.at(-1)!.cache_control).toEqual({ type: 'ephemeral' });
    const list = /<themes>\n([\s\S]*?)\n<\/themes>/.exec(sent.messages[0]!.content)![1]!.split('\n');
    expect(list.length).toBe(SHORTLIST_SIZE);
    expect(list).toContain(`${twoFactor} Authenticator one-time password not accepted (sign-in)`);

    const issues = await queryAll(store, 'SELECT ticket_id, title, category, suggested_cluster_id FROM issues ORDER BY ticket_id');
    expect(issues).toEqual([
      { ticket_id: 1, title: 'Authenticator one-time password not accepted', category: 'account_access', suggested_cluster_id: twoFactor },
      { ticket_id: 2, title: 'Add a dark mode', category: 'feature_request', suggested_cluster_id: null },
    ]);

    const trends = await runCli(['trends', '--json'], { env });
    expect(trends.stderr).toBe('');
    expect(JSON.parse(trends.stdout).result).toMatchObject({ issues_placed: 2, issues_placed_by_claude: 1, themes_created: 1 });
    expect(await queryOne(store, 'SELECT cluster_id FROM issues WHERE ticket_id = 1')).toEqual({ cluster_id: twoFactor });
  });

  it('adds at most 30% to the tokens of a ticket', async () => {
    const conversation = (id: number, subject: string, customer: string, reply: string, again: string): SeedTicket => ({
      id,
      subject,
      requester: { id: 600 + id, name: `Customer ${id}`, email: `c${id}@example.net` },
      comments: [
        { body: customer, role: 'end-user', authorId: 600 + id, createdAt: '2026-11-01T10:00:00Z' },
        { body: reply, role: 'agent', authorId: 9, createdAt: '2026-11-01T11:00:00Z' },
        { body: again, role: 'end-user', authorId: 600 + id, createdAt: '2026-11-01T12:00:00Z' },
      ],
    });
    const reply = 'Thanks for reaching out. Could you tell us which browser you use and when this started? A screenshot would help us a lot.';
    const tickets = [
      conversation(1, 'Export never finishes', 'Our monthly CSV export of transactions has been spinning for twenty minutes and then times out.', reply, 'Chrome, since Monday. It worked last month with the same amount of data.'),
      conversation(2, 'Locked out', 'The password reset email never arrives, I checked spam and waited an hour.', reply, 'Still nothing this morning, I cannot work.'),
      conversation(3, 'Charged twice', 'We were charged twice for the same subscription this month, two identical charges on our card.', reply, 'Please refund the duplicate charge.'),
      conversation(4, 'Slack', 'Our Slack integration keeps disconnecting and the channel went quiet since Friday.', reply, 'We reconnected it twice already.'),
      conversation(5, 'Wrong hours', 'The dashboard shows all times two hours off, as if it used UTC instead of our timezone.', reply, 'It is the same on every report.'),
      conversation(6, 'Dark mode', 'It would be great if you could add a dark mode to the web app, I work late.', reply, 'No problem, just an idea.'),
    ];
    const perTicket = async (themes: boolean) => {
      const { store, claude, env } = await setup(dialect, tickets);
      if (themes) await addThemes(store, manyThemes());
      const out = await runCli(['analyze', '--json'], { env });
      const r = JSON.parse(out.stdout).result;
      expect(r.tickets_analyzed).toBe(tickets.length);
      const offered = userTurns(claude).filter((b) => b.messages[0]!.content.includes('<themes>')).length;
      if (themes) expect(offered).toBeGreaterThanOrEqual(tickets.length - 1); // dark mode shares no word with any theme
      else expect(offered).toBe(0);
      return (r.input_tokens + r.cache_creation_input_tokens + r.cache_read_input_tokens + r.output_tokens) / r.tickets_analyzed;
    };
    const without = await perTicket(false);
    const withShortlist = await perTicket(true);
    expect(withShortlist).toBeGreaterThan(without);
    expect(withShortlist / without).toBeLessThanOrEqual(1.3);
  });
});
