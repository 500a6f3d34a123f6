import { expect, it } from 'vitest';
import { execute } from '../../src/store/raw-query.js';
import { readLastRuns } from '../../src/store/status-queries.js';
import { describeEachDialect, tempStoreOf } from '../helpers/dialects.js';

describeEachDialect('the last runs status reads in one statement', (dialect) => {
  it('gives each task its newest run and its newest completed run; a task without runs has neither', async () => {
    const store = await tempStoreOf(dialect);
    const runs: Array<[string, string, string, string]> = [
      ['p1', 'pipeline', 'completed', '2026-11-27T02:00:00.000Z'],
      ['p2', 'pipeline', 'completed', '2026-11-28T02:00:00.000Z'],
      ['p3', 'pipeline', 'failed', '2026-11-29T02:00:00.000Z'],
      ['t1', 'trends', 'completed', '2026-11-29T10:30:00.000Z'],
      ['t2', 'trends', 'running', '2026-11-29T11:30:00.000Z'],
      ['s1', 'sync', 'completed', '2026-11-29T12:00:00.000Z'], // a task not asked for
    ];
    for (const [id, task, status, at] of runs) {
      await execute(store, `INSERT INTO runs (id, task, status, params, pid, host, started_at) VALUES (?, ?, ?, '{}', 1, 'h', ?)`, [id, task, status, at]);
    }
    const found = await readLastRuns(store, ['pipeline', 'trends', 'analyze']);
    const ids = Object.fromEntries([...found].map(([task, r]) => [task, { last: r.last?.id, success: r.success?.id }]));
    expect(ids).toEqual({ pipeline: { last: 'p3', success: 'p2' }, trends: { last: 't2', success: 't1' }, analyze: { last: undefined, success: undefined } });
    // Whole rows of the runs table, without the column that told them apart.
    expect(found.get('pipeline')!.success).toMatchObject({ id: 'p2', task: 'pipeline', status: 'completed', started_at: '2026-11-28T02:00:00.000Z', params: '{}' });
    expect(found.get('pipeline')!.success).not.toHaveProperty('pick');
  });
});
