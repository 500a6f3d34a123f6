import { expect, it, onTestFinished } from 'vitest';
import { startClaudeFake } from '../../src/sandbox/claude-server.js';
import { queryAll } from '../../src/store/raw-query.js';
import { cliEnv, runCli } from '../helpers/cli.js';
import { describeEachDialect, openReader, seededDatabase } from '../helpers/dialects.js';
import { tempDir } from '../helpers/temp-dir.js';

const KEY = 'sk-ant-naming';
const PROBLEMS = ['The mobile app crashes on login.', 'Exporting a report to CSV is very slow.', 'I was charged twice this month.', 'Please add dark mode.'];

describeEachDialect('trends --name-with-claude', (dialect) => {
  it('names every theme in one call that sees them all, and the names show in issues', async () => {
    const home = tempDir();
    const db = await seededDatabase(dialect, home, Array.from({ length: 12 }, (_, i) => ({ id: i + 1, subject: `Ticket ${i + 1}`, description: PROBLEMS[i % 4]!, requester: { id: 700 + i, name: `Customer ${i}`, email: `c${i}@example.net` } })));
    const store = await openReader(db); // for the test's own reads
    const claude = await startClaudeFake({ apiKey: KEY });
    onTestFinished(() => claude.close());
    const env = cliEnv(home, { ISSUETRACK_DB: db, ANTHROPIC_BASE_URL: claude.url, ANTHROPIC_API_KEY: KEY });
    expect((await runCli(['analyze'], { env })).exitCode).toBe(0);
    const analysisCalls = claude.requests.length;

    const result = await runCli(['trends', '--name-with-claude', '--json'], { env });
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    const record = JSON.parse(result.stdout).result;
    expect(record.clusters).toBeGreaterThanOrEqual(4);
    expect(record.themes_named).toBe(record.clusters);

    const naming = claude.requests.slice(analysisCalls).filter((r) => r.path === '/v1/messages');
    expect(naming).toHaveLength(1);
    const themes = JSON.parse((await runCli(['issues', '--json'], { env })).stdout) as Array<{ id: number; title: string }>;
    expect(themes).toHaveLength(record.clusters);
    for (const theme of themes) expect(naming[0]!.body).toContain(`{\\"id\\":${theme.id},`);
    expect(new Set(themes.map((t) => t.title.toLowerCase())).size).toBe(themes.length);
    const stored = await queryAll<{ title: string; description: string; title_source: string }>(store, 'SELECT title, description, title_source FROM clusters WHERE merged_into IS NULL');
    expect(stored).toHaveLength(record.clusters);
    for (const row of stored) {
      expect(row.title_source).toBe('claude');
      expect(row.description).toMatch(/^Customers report: /); // the fake's wording, so it came from the call
    }
    const status = JSON.parse((await runCli(['status', '--json'], { env })).stdout);
    expect(status.analysis.usage_today.calls).toBe(analysisCalls + 1); // the naming call is counted too
  });
});
