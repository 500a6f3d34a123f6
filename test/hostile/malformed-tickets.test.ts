import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { ZendeskModel } from '../../src/sandbox/zendesk-model.js';
import { TEST_CREDENTIALS } from '../../src/sandbox/zendesk-server.js';
import { openStore } from '../../src/store/open-store.js';
import { checkTicketShape } from '../../src/zendesk/ticket-shape.js';
import { cliEnv, runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import { fakeZendesk } from '../zendesk/sync-harness.js';

const NOW_S = Math.floor(Date.now() / 1000) - 3600;
const valid = { id: 4242, status: 'open', subject: 'fine', created_at: '2026-11-01T10:00:00Z', updated_at: '2026-11-01T10:00:00Z', generated_timestamp: NOW_S };
const BROKEN: Array<[string, unknown]> = [
  ['id is the text "77", not a number', { ...valid, id: '77' }],
  ['id is not a whole number', { ...valid, id: 77.5 }],
  ['id is too large to store exactly', { ...valid, id: 1e30 }],
  ['id is null, not a number', { ...valid, id: null }],
  ['created_at is null, not an ISO 8601 time', { ...valid, id: 78, created_at: null }],
  // Date.parse takes both; PostgreSQL's timestamptz cast does not, and it runs on every events page.
  ['created_at is the text "2024", not an ISO 8601 time', { ...valid, id: 80, created_at: '2024' }],
  ['updated_at is the text "2024-02-30T10:00:00Z", not an ISO 8601 time', { ...valid, id: 81, updated_at: '2024-02-30T10:00:00Z' }],
  ['subject is an object, not text', { ...valid, id: 79, subject: { text: 'x' } }],
  ['the ticket is a number (5), not an object', 5],
];

describe('tickets of the wrong shape', () => {
  it.each(BROKEN)('are refused by the shape check: %s', (reason, raw) => {
    const check = checkTicketShape(raw);
    expect(check).toMatchObject({ ok: false, skipped: { reason } });
  });

  it('keep the id as sent, and never make one up', () => {
    expect(checkTicketShape({ ...valid, id: '77' })).toMatchObject({ skipped: { id: '"77"' } });
    expect(checkTicketShape({ ...valid, id: null })).toMatchObject({ skipped: { id: null } });
    expect(checkTicketShape(valid)).toEqual({ ok: true, ticket: valid });
    for (const time of ['2024-02-29T23:59:59Z', '2026-11-30T09:15:00.123456Z', '2026-11-30T09:15:00+05:30', '2026-11-30T09:15-0800']) {
      expect(checkTicketShape({ ...valid, created_at: time })).toMatchObject({ ok: true });
    }
  });

  it('are skipped and recorded by sync while the rest of the page is stored', async () => {
    const fake = await fakeZendesk({ model: new ZendeskModel().seed(12), hostile: { malformedTickets: BROKEN.map(([, raw]) => raw) } });
    const home = tempDir();
    const db = join(home, 'it.db');
    const env = cliEnv(home, { ISSUETRACK_DB: db, ZENDESK_URL: fake.url, ZENDESK_EMAIL: TEST_CREDENTIALS.email, ZENDESK_API_TOKEN: TEST_CREDENTIALS.apiToken });
    const run = await runCli(['sync', '--json'], { env });
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    const { result } = JSON.parse(run.stdout);
    expect(result.tickets_skipped).toBe(BROKEN.length);
    expect(result.skipped.map((s: { reason: string }) => s.reason)).toEqual(BROKEN.map(([reason]) => reason));

    const store = openStore(db);
    onTestFinished(() => store.close());
    const ids = store.sqlite.prepare('SELECT id FROM tickets ORDER BY id').pluck().all();
    expect(ids).toEqual([...fake.model.tickets.keys()].sort((a, b) => a - b));

    const status = await runCli(['status', '--json'], { env });
    const report = JSON.parse(status.stdout);
    expect(report.skipped_tickets.total).toBe(BROKEN.length);
    expect(report.skipped_tickets.recent[0]).toMatchObject({ id: null, reason: 'the ticket is a number (5), not an object', run_id: expect.any(String) });
    const human = await runCli(['status'], { env });
    expect(human.stdout).toMatch(new RegExp(`skipped tickets\t${BROKEN.length}`));
  });
});
