import { describe, expect, it } from 'vitest';
import { addMember, emptyCentroid, removeMember } from '../../src/themes/centroid.js';
import { Clustering } from '../../src/themes/clustering.js';
import { buildIdf } from '../../src/themes/term-weights.js';
import { ThemeIndex } from '../../src/themes/theme-index.js';
import { issueTerms } from '../../src/themes/tokenize.js';

const terms = (title: string) => issueTerms(title, null);
const exportTitles = [
  'CSV export times out for large reports',
  'Exporting a large report to CSV times out',
  'Report export to CSV hits a timeout',
  'CSV export of big reports never finishes, times out',
  'Timeout when exporting reports as CSV',
];
const darkModeTitles = ['Dark mode please', 'Add a dark theme to the app', 'Night mode for the dashboard'];
const batch = (titles: string[], category = 'performance', firstId = 1) => titles.map((title, i) => ({ id: firstId + i, category, terms: terms(title) }));

describe('placing a run\'s groups', () => {
  it('opens the theme of the run\'s largest group first, whatever ids the smaller groups have', () => {
    const issues = [...batch(darkModeTitles, 'feature_request'), ...batch(exportTitles, 'performance', 10)];
    const placed = new Clustering(buildIdf(issues.map((i) => i.terms)), []).place(issues);
    expect(placed.get(10)).toBe(-1);
    expect(placed.get(1)).toBe(-2);
  });

  it('lets an issue full of words no other issue uses join the theme its run opened for the problem it names', () => {
    const straggler = 'Overnight CSV export frozen, quarterly numbers missing, accountant furious';
    const issues = batch([...exportTitles, ...darkModeTitles, straggler]);
    const placed = new Clustering(buildIdf(issues.map((i) => i.terms)), []).place(issues);
    expect(placed.get(issues.length)).toBe(placed.get(1));
    expect(placed.get(issues.length)).not.toBe(placed.get(exportTitles.length + 1));
  });

  it('gives such an issue no second look in another category, nor at a theme that existed before the run', () => {
    const straggler = { id: 99, category: 'feature_request', terms: terms('Overnight CSV export frozen, quarterly numbers missing, accountant furious') };
    const issues = [...batch(exportTitles), straggler];
    const idf = buildIdf(issues.map((i) => i.terms));
    expect(new Clustering(idf, []).place(issues).get(99)).toBe(-2);
    const existing = [{ id: 4, category: 'performance', members: batch(exportTitles).map((i) => i.terms) }];
    expect(new Clustering(idf, existing).place([{ ...straggler, category: 'performance' }]).get(99)).toBe(-1);
  });
});

describe('ThemeIndex after a theme loses members', () => {
  it('finds every theme a full scan finds: a shrunken theme\'s remaining terms weigh more and are not pruned away', () => {
    const docs = ['billing refund card', 'billing refund', 'billing invoice', 'billing', 'billing', 'login sso'].map(terms);
    const idf = buildIdf(docs);
    const index = new ThemeIndex(idf);
    const centroid = emptyCentroid();
    for (const d of docs.slice(0, 5)) addMember(centroid, d, idf);
    const slot = index.add('billing', centroid);
    index.add('billing', (() => { const c = emptyCentroid(); addMember(c, docs[5]!, idf); return c; })());
    // Before: "billing" dominates the theme and "card" weighs little in it.
    for (const d of [docs[1]!, docs[2]!, docs[3]!, docs[4]!]) {
      removeMember(centroid, d, idf);
      index.removeCounts(slot, d);
    }
    // Now the theme is only "billing refund card": a query on "card" alone is close to it.
    const q = { terms: ['card'], weights: [1] };
    const found = index.within('billing', q.terms, q.weights, 0.5);
    expect(found.map((m) => m.slot)).toEqual([slot]);
    expect(found[0]!.similarity).toBeGreaterThan(0.5);
  });
});
