import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { ZendeskModel } from '../../src/sandbox/zendesk-model.js';
import { TEST_CREDENTIALS, type FakeZendesk } from '../../src/sandbox/zendesk-server.js';
import { openStore } from '../../src/store/open-store.js';
import { cliEnv, runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import { createLongAgo, fakeZendesk } from '../zendesk/sync-harness.js';

function syncEnv(fake: FakeZendesk) {
  const home = tempDir();
  const db = join(home, 'it.db');
  const env = cliEnv(home, {
    ISSUETRACK_DB: db,
    ZENDESK_URL: fake.url,
    ZENDESK_EMAIL: TEST_CREDENTIALS.email,
    ZENDESK_API_TOKEN: TEST_CREDENTIALS.apiToken,
    ISSUETRACK_ZENDESK_RETRY_BASE_MS: '5',
  });
  return { db, env };
}

function countRows(db: string, table: 'tickets' | 'comments'): number {
  const store = openStore(db);
  onTestFinished(() => store.close());
  return store.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
}

describe('a Zendesk whose paging never ends', () => {
  it('stops an export whose cursor does not advance with exit 69, keeping the tickets stored', async () => {
    const fake = await fakeZendesk({ model: new ZendeskModel().seed(30), hostile: { stuckExportCursor: true } });
    const { db, env } = syncEnv(fake);
    const result = await runCli(['sync', '--json'], { env });
    expect(result.exitCode).toBe(69);
    expect(result.stderr).toMatch(/^issuetrack: the ticket export from 127\.0\.0\.1:\d+ sent a cursor that does not advance .*keeping what was stored\n$/);
    const record = JSON.parse(result.stdout);
    expect(record).toMatchObject({ task: 'sync', status: 'failed' });
    expect(fake.stats.byRoute.export).toBe(2);
    expect(countRows(db, 'tickets')).toBe(30);
  });

  it('stops comments whose has_more cursor repeats with exit 69, keeping the tickets stored', async () => {
    const model = new ZendeskModel().seed(5);
    createLongAgo(model); // first seen with older comments: fetched per ticket, not from the comment events
    const fake = await fakeZendesk({ model, hostile: { stuckCommentsCursor: true } });
    const { db, env } = syncEnv(fake);
    const result = await runCli(['sync'], { env });
    expect(result.exitCode).toBe(69);
    expect(result.stderr).toMatch(/^issuetrack: the comments of ticket \d+ from 127\.0\.0\.1:\d+ sent a cursor that does not advance/);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(fake.stats.byRoute.comments).toBeLessThan(5 * 3 + 1);
    expect(countRows(db, 'tickets')).toBe(5);
  });
});
