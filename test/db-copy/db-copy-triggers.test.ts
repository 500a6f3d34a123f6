import { beforeAll, expect, it } from 'vitest';
import { openPostgres } from '../../src/store/postgres/open-postgres.js';
import { parsePostgresUrl } from '../../src/store/postgres/postgres-url.js';
import { cliEnv, runCli } from '../helpers/cli.js';
import { createDatabase, createPasswordRole, describePostgres, withClient } from '../helpers/postgres.js';
import { populatedStore } from './copy-fixture.js';

/** What the status counters say, and what counting says, in the PostgreSQL database at `url`. */
async function counters(url: string) {
  return withClient(url, async (client) => {
    const kept = (await client.query('SELECT tickets, issues, clusters FROM status_counters')).rows[0];
    const counted = (
      await client.query(
        'SELECT (SELECT count(*) FROM tickets WHERE deleted = 0) AS tickets, (SELECT count(*) FROM issues) AS issues, (SELECT count(*) FROM clusters WHERE merged_into IS NULL) AS clusters',
      )
    ).rows[0];
    const numbers = (row: Record<string, unknown>) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]));
    return { kept: numbers(kept), counted: numbers(counted) };
  });
}

describePostgres('db copy and the target tables triggers', () => {
  let source: string;
  let home: string;
  beforeAll(async () => {
    ({ path: source, home } = await populatedStore());
  }, 180_000);

  it('leaves the triggers on: rows written after the copy still move the status counters', async () => {
    const target = await createDatabase();
    expect((await runCli(['db', 'copy', '--from', source, '--to', target], { env: cliEnv(home) })).exitCode).toBe(0);
    await withClient(target, (client) =>
      client.query("INSERT INTO tickets (id, subject, status, tags, created_at, updated_at, generated_timestamp, synced_at) VALUES (999999, 'after', 'open', '[]', 'x', 'x', 0, 'x')"),
    );
    const { kept, counted } = await counters(target);
    expect(kept).toEqual(counted);
  });

  it('copies all the same, warning, as a role that may write the tables but does not own them', async () => {
    const target = await createDatabase();
    const store = await openPostgres(parsePostgresUrl(target, undefined)); // migrated by the superuser, who owns the tables
    await store.close();
    const url = await createPasswordRole(target, 'not-the-owner');
    await withClient(target, async (client) => {
      const user = new URL(url).username;
      await client.query(`GRANT ALL ON ALL TABLES IN SCHEMA public TO ${user}; GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO ${user}`);
    });
    const result = await runCli(['db', 'copy', '--from', source, '--to', url, '--verbose'], { env: cliEnv(home) });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/may not turn the tables' triggers off .*slower/);
    const { kept, counted } = await counters(target);
    expect(kept).toEqual(counted);
  });
});
