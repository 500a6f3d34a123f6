import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { fitColumns } from '../../src/output/fit-columns.js';
import { clip, renderTable } from '../../src/output/table.js';
import { fakeTerminal } from '../helpers/fake-terminal.js';

const widest = (text: string) => Math.max(...text.split('\n').map((line) => stringWidth(line)));

describe('tables for people', () => {
  it('right-aligns numbers and draws one rule under the header, no box', () => {
    const out = renderTable(fakeTerminal({ columns: 80 }), ['task', 'runs'], [['sync', 7], ['pipeline', 12]]);
    expect(out).toBe(['task      runs', '────────  ────', 'sync         7', 'pipeline    12', ''].join('\n'));
  });

  it('cuts the shrinkable column with "…" so no line is wider than the terminal', () => {
    const long = 'Exporting a large CSV of invoices times out after thirty seconds on the reports page, and retrying from the list view makes it worse';
    for (const columns of [80, 120, 40]) {
      const out = renderTable(fakeTerminal({ columns }), ['id', { head: 'title', shrink: 10 }, 'count'], [[1, long, 3]]);
      expect(widest(out)).toBeLessThanOrEqual(columns);
      expect(out).toContain('…');
    }
  });

  it('takes 80 columns when the width is unknown', () => {
    const out = renderTable(fakeTerminal({}), [{ head: 'title', shrink: 10 }], [['x'.repeat(200)]]);
    expect(widest(out)).toBe(80);
  });

  it('keeps every cell whole and tab-separated on a pipe', () => {
    const long = 'y'.repeat(300);
    expect(renderTable(fakeTerminal({ tty: false, columns: 80 }), ['id', { head: 'title', shrink: 10 }], [[1, long]])).toBe(`1\t${long}\n`);
  });

  it('counts wide characters as two columns', () => {
    const out = renderTable(fakeTerminal({ columns: 30 }), [{ head: 'title', shrink: 5 }], [['請求書のエクスポートが失敗する問題について']]);
    expect(widest(out)).toBeLessThanOrEqual(30);
  });

  it('colours only when colour is allowed', () => {
    const columns = [{ head: 'rising', colour: (t: string) => `<${t}>` }];
    expect(renderTable(fakeTerminal({ env: {} }), columns, [['▲']])).toContain('<▲>');
    expect(renderTable(fakeTerminal({ env: { NO_COLOR: '1' } }), columns, [['▲']])).not.toContain('<');
  });
});

describe('fitting columns', () => {
  it('shrinks the widest shrinkable column first, then drops the droppable ones', () => {
    expect(fitColumns([{}, { shrink: 5 }, { shrink: 5 }], [4, 30, 10], 40, 2)).toEqual([4, 22, 10]);
    expect(fitColumns([{}, { shrink: 5 }, { shrink: 5 }], [4, 30, 30], 40, 2)).toEqual([4, 16, 16]);
    expect(fitColumns([{}, { shrink: 20 }, { drop: 1 }], [4, 30, 20], 40, 2)).toEqual([4, 30, 0]);
    expect(fitColumns([{}, { shrink: 5, want: 25 }, { drop: 1 }], [4, 30, 10], 40, 2)).toEqual([4, 30, 0]);
    expect(fitColumns([{}, { shrink: 5, want: 10 }, { drop: 1 }], [4, 30, 10], 40, 2)).toEqual([4, 22, 10]);
  });

  it('clips by display width and marks the cut', () => {
    expect(clip('abcdef', 4)).toBe('abc…');
    expect(clip('abc', 4)).toBe('abc');
    expect(clip('日本語', 4)).toBe('日…');
  });
});
