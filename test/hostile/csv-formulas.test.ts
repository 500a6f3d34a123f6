import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvRecord } from '../../src/export/csv.js';
import { openStore } from '../../src/store/open-store.js';
import { cliEnv, runCli } from '../helpers/cli.js';
import { seedTickets } from '../helpers/seed-tickets.js';
import { tempDir } from '../helpers/temp-dir.js';

describe('CSV cells a spreadsheet would run', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","x")', `"'=HYPERLINK(""http://evil.example"",""x"")"`],
    ['+1+cmd|calc', `"'+1+cmd|calc"`],
    ['-2+3', `"'-2+3"`],
    ['@SUM(A1)', `"'@SUM(A1)"`],
    ['\t=1', `"'\t=1"`],
    ['\r=1', `"'\r=1"`],
  ])('neutralises %j with a leading quote, inside double quotes', (text, cell) => {
    expect(csvRecord([text])).toBe(`${cell}\r\n`);
  });

  it('leaves numbers, and text that only contains those characters later, as they are', () => {
    expect(csvRecord([-5, 'a=b', 'x-1', 'mail@example.test'])).toBe('-5,a=b,x-1,mail@example.test\r\n');
  });

  it('neutralises a hostile ticket subject in `export tickets --format csv`', async () => {
    const home = tempDir();
    const db = join(home, 'x.db');
    const store = openStore(db);
    seedTickets(store, [{ id: 7, subject: '=cmd|"/c calc"!A1' }]);
    await store.close();
    const out = await runCli(['export', 'tickets', '--format', 'csv'], { env: cliEnv(home, { ISSUETRACK_DB: db }) });
    expect(out.exitCode).toBe(0);
    expect(out.stdout).toContain(`,"'=cmd|""/c calc""!A1",`);
    expect(out.stdout).not.toMatch(/(^|,)=/m);
  });
});
