import { describe, expect, it } from 'vitest';
import { addMember, emptyCentroid } from '../../src/themes/centroid.js';
import { labelTheme, type LabelMember } from '../../src/themes/theme-labels.js';
import { buildIdf } from '../../src/themes/term-weights.js';
import { issueTerms, issueTermsAndWords } from '../../src/themes/tokenize.js';

function members(titles: Array<[string, string | null]>): LabelMember[] {
  return titles.map(([title, component], i) => ({ id: i + 1, title, component, ...issueTermsAndWords(title, component) }));
}

describe('labelTheme', () => {
  it('titles the theme after its most central member and shows keywords as people write them', () => {
    const list = members([
      ['Duplicate charges on subscription renewal', 'billing'],
      ['Customers charged twice for one subscription', 'billing'],
      ['Subscription renewal charges the card twice', 'payments'],
    ]);
    const idf = buildIdf([...list.map((m) => m.terms), issueTerms('Export is slow', 'export')]);
    const centroid = emptyCentroid();
    for (const m of list) addMember(centroid, m.terms, idf);
    const label = labelTheme(list, centroid, idf);
    expect(list.map((m) => m.title)).toContain(label.title);
    expect(label.component).toBe('billing');
    expect(label.keywords).toContain('subscription'); // the word, not its stem "subscript"
    for (const keyword of label.keywords) expect(`${list.map((m) => `${m.title} ${m.component}`).join(' ').toLowerCase()} charge duplicate`).toContain(keyword);
  });
});
