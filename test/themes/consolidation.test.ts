import { describe, expect, it } from 'vitest';
import { consolidationCandidates, MAX_GROUP_SIZE, MAX_THEMES_PER_CONSOLIDATION_CALL, packGroups } from '../../src/themes/consolidation-candidates.js';
import { consolidationRequest, parseConsolidationAnswer, type ThemeToJudge } from '../../src/themes/consolidation-prompt.js';

const theme = (id: number, title: string, component: string | null = null) => ({ id, title, component, keywords: '[]', category: 'bug' });

describe('consolidationCandidates', () => {
  it('groups themes that share their weighty words, whatever their category, and leaves loners out', () => {
    const { groups } = consolidationCandidates([
      theme(1, 'Password reset email never arrives', 'password reset'),
      { ...theme(2, 'Reset password mail not received', 'password reset'), category: 'account_access' },
      theme(3, 'Dark mode for the editor', 'editor'),
      theme(4, 'Invoice total shows wrong VAT', 'invoices'),
      theme(5, 'VAT wrong on invoices', 'invoices'),
    ]);
    expect(groups).toEqual([
      [1, 2],
      [4, 5],
    ]);
  });

  it(`never makes a group larger than ${MAX_GROUP_SIZE}`, () => {
    const themes = Array.from({ length: 30 }, (_, i) => theme(i + 1, `Export report ${i % 3 ? 'slow' : 'fails'} variant`, 'export'));
    const { groups } = consolidationCandidates(themes);
    expect(groups.length).toBeGreaterThan(1);
    for (const g of groups) expect(g.length).toBeLessThanOrEqual(MAX_GROUP_SIZE);
    expect(new Set(groups.flat()).size).toBe(groups.flat().length);
  });
});

describe('packGroups', () => {
  it(`puts at most ${MAX_THEMES_PER_CONSOLIDATION_CALL} themes in a call and never splits a group`, () => {
    const groups = Array.from({ length: 100 }, (_, i) => [i * 8 + 1, i * 8 + 2, i * 8 + 3, i * 8 + 4, i * 8 + 5, i * 8 + 6, i * 8 + 7]);
    const calls = packGroups(groups);
    expect(calls.length).toBe(3);
    for (const call of calls) expect(call.flat().length).toBeLessThanOrEqual(MAX_THEMES_PER_CONSOLIDATION_CALL);
    expect(calls.flat()).toEqual(groups);
  });
});

describe('the consolidation answer', () => {
  const judged = (id: number, title: string): ThemeToJudge => ({ id, title, category: 'bug', component: null, issues: 1, samples: [] });
  const groups = [
    [judged(1, 'A'), judged(2, 'B'), judged(3, 'C')],
    [judged(7, 'D'), judged(8, 'E')],
  ];

  it('keeps only ids of the group named, each once, and sets of two or more', () => {
    const text = JSON.stringify({
      same_problem: [
        { group: 1, ids: [1, 2, 8, 2], reason: 'Same\nproblem\u0007 twice' },
        { group: 2, ids: [7, 2], reason: 'id 2 is taken and belongs to group 1' },
        { group: 9, ids: [7, 8], reason: 'no such group' },
        { group: 2, ids: [8, 7], reason: 'same' },
      ],
    });
    expect(parseConsolidationAnswer(text, groups)).toEqual([
      { ids: [1, 2], reason: 'Same problem twice' },
      { ids: [7, 8], reason: 'same' },
    ]);
  });

  it('throws on text that is not the JSON asked for', () => {
    expect(() => parseConsolidationAnswer('Sure, themes 1 and 2.', groups)).toThrow();
    expect(() => parseConsolidationAnswer('{"merges": []}', groups)).toThrow();
  });

  it('shows each group as one JSON line of data, numbered from 1', () => {
    const body = consolidationRequest('claude-haiku-5-5', groups);
    const lines = body.messages[0]!.content.split('\n').slice(1).map((l) => JSON.parse(l) as { group: number; themes: Array<{ id: number }> });
    expect(lines.map((l) => [l.group, l.themes.map((t) => t.id)])).toEqual([
      [1, [1, 2, 3]],
      [2, [7, 8]],
    ]);
    expect(body.output_config.format.schema).toMatchObject({ required: ['same_problem'] });
  });
});
