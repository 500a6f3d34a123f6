import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SqliteStore as Store } from '../../src/store/open-store.js';
import { csvRecord } from '../../src/export/csv.js';
import { ISSUE_COLUMNS, TICKET_COLUMNS, issueRows, ticketRows } from '../../src/export/export-queries.js';
import { writeExport, writeFileAtomically } from '../../src/export/write-export.js';
import { SqliteTicketWriter } from '../../src/store/sync/sqlite-ticket-writer.js';
import { ticketRow } from '../../src/zendesk/sync-rows.js';
import type { ZendeskTicket } from '../../src/zendesk/zendesk-types.js';
import { cliEnv, runCli } from '../helpers/cli.js';
import { tempStore } from '../helpers/store.js';
import { tempDir } from '../helpers/temp-dir.js';

function ticket(overrides: Partial<ZendeskTicket> = {}): ZendeskTicket {
  return {
    id: 1,
    subject: 'Login fails',
    status: 'open',
    tags: ['vip', 'login'],
    requester_id: 10,
    organization_id: null,
    created_at: '2026-11-01T10:00:00Z',
    updated_at: '2026-11-02T10:00:00Z',
    generated_timestamp: 1_790_000_000,
    ...overrides,
  };
}

/** Three tickets: analysed with one issue, failed, and pending; plus a deleted one with an issue. */
function seed(store: Store): void {
  const syncedAt = '2026-11-28T12:00:00.000Z';
  new SqliteTicketWriter(store.sqlite).applyExportPage(
    [
      ticket({ id: 1, subject: 'Login fails, "again"\nsince Monday' }),
      ticket({ id: 2, subject: 'Slow export', tags: [] }),
      ticket({ id: 3, subject: null, organization_id: 77 }),
      ticket({ id: 4, status: 'deleted' }),
    ].map((t) => ticketRow(t, syncedAt)),
    'c1',
    syncedAt,
  );
  const analysis = store.sqlite.prepare(
    `INSERT INTO ticket_analyses (ticket_id, status, input_hash, prompt_version, model, error, analyzed_at) VALUES (?, ?, 'h', 'v1', 'm', ?, '2026-11-28T12:00:00Z')`,
  );
  analysis.run(1, 'analyzed', null);
  analysis.run(2, 'failed', 'no valid JSON after 2 attempts');
  const issue = store.sqlite.prepare(
    `INSERT INTO issues (ticket_id, position, title, category, component, severity, summary, cluster_id, created_at) VALUES (?, 0, ?, 'bug', ?, 'high', ?, ?, '2026-11-01T10:00:00Z')`,
  );
  issue.run(1, 'Login, broken', 'auth', 'SSO loop', 5);
  issue.run(4, 'From a deleted ticket', null, null, null);
}

async function collectText(rows: AsyncIterable<Record<string, unknown>>, columns: readonly string[], format: 'csv' | 'jsonl'): Promise<string> {
  let text = '';
  await writeExport(rows as never, columns, format, { write: (t) => (text += t) });
  return text;
}

describe('export', () => {
  it('quotes CSV fields that hold quotes, commas, newlines or edge spaces', () => {
    expect(csvRecord(['plain', 'a,b', 'say "hi"', 'two\nlines', ' pad', null, true, ['x', 'y'], 3])).toBe(
      'plain,"a,b","say ""hi""","two\nlines"," pad",,true,x y,3\r\n',
    );
  });

  it('exports tickets as JSON lines with their analysis status, pending when never analysed', async () => {
    const store = tempStore();
    seed(store);
    const lines = (await collectText(ticketRows(store.db), TICKET_COLUMNS, 'jsonl')).trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.id, l.analysis_status, l.analysis_error, l.deleted])).toEqual([
      [1, 'analyzed', null, false],
      [2, 'failed', 'no valid JSON after 2 attempts', false],
      [3, 'pending', null, false],
      [4, 'pending', null, true],
    ]);
    expect(Object.keys(lines[0])).toEqual([...TICKET_COLUMNS]);
    expect(lines[0]).toMatchObject({ subject: 'Login fails, "again"\nsince Monday', tags: ['vip', 'login'], comment_count: 0, requester_id: 10 });
    expect(lines[2].organization_id).toBe(77);
  });

  it('exports tickets as CSV with a header and one record per ticket', async () => {
    const store = tempStore();
    seed(store);
    const csv = await collectText(ticketRows(store.db), TICKET_COLUMNS, 'csv');
    const records = csv.split('\r\n');
    expect(records[0]).toBe(TICKET_COLUMNS.join(','));
    expect(records[1]).toBe('1,"Login fails, ""again""\nsince Monday",open,2026-11-01T10:00:00Z,2026-11-02T10:00:00Z,false,0,10,,vip login,analyzed,');
    expect(records).toHaveLength(6); // header, 4 tickets, trailing empty
  });

  it('exports the issues of tickets that are not deleted', async () => {
    const store = tempStore();
    seed(store);
    const lines = (await collectText(issueRows(store.db), ISSUE_COLUMNS, 'jsonl')).trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines).toEqual([
      { ticket_id: 1, cluster_id: 5, title: 'Login, broken', category: 'bug', component: 'auth', severity: 'high', summary: 'SSO loop', created_at: '2026-11-01T10:00:00Z' },
    ]);
  });

  it('leaves the target untouched and no temp file when writing fails', async () => {
    const dir = tempDir();
    const target = join(dir, 'out.csv');
    writeFileSync(target, 'old');
    await expect(
      writeFileAtomically(target, async (sink) => {
        sink.write('partial');
        throw new Error('disk on fire');
      }),
    ).rejects.toThrow('disk on fire');
    expect(readFileSync(target, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['out.csv']);
  });

  it('writes --out files through the CLI and rejects unknown exports with exit 64', async () => {
    const home = tempDir();
    const db = join(home, 'x.db');
    const store = (await import('../../src/store/open-store.js')).openStore(db);
    seed(store);
    await store.close();
    const env = cliEnv(home, { ISSUETRACK_DB: db });
    const out = join(home, 'tickets.csv');
    const written = await runCli(['export', 'tickets', '--format', 'csv', '--out', out], { env });
    expect(written).toMatchObject({ exitCode: 0, stdout: '', stderr: '' });
    expect(readFileSync(out, 'utf8').split('\r\n')).toHaveLength(6);
    const piped = await runCli(['export', 'issues'], { env });
    expect(piped.exitCode).toBe(0);
    expect(JSON.parse(piped.stdout).title).toBe('Login, broken');
    const wrong = await runCli(['export', 'users'], { env });
    expect(wrong.exitCode).toBe(64);
    expect(existsSync(join(home, 'users'))).toBe(false);
  });
});
