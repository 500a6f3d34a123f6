import { describe, expect, it } from 'vitest';
import { Clustering, resolveKey } from '../../src/themes/clustering.js';
import { addMember, cosineBeyondTopTerm, cosineToCentroid, emptyCentroid } from '../../src/themes/centroid.js';
import { buildIdf, queryVector } from '../../src/themes/term-weights.js';
import { issueTerms, type TermCounts } from '../../src/themes/tokenize.js';

const terms = (title: string) => issueTerms(title, null);
const corpus = ['Cannot log in after password reset', 'Invoice PDF download fails', 'Dark mode please', 'CSV export times out'].map(terms);

describe('Clustering', () => {
  it('places a paraphrase into the existing theme of its category', () => {
    const c = new Clustering(buildIdf(corpus), [{ id: 7, category: 'account_access', members: [terms('Cannot log in after password reset')] }]);
    const placed = c.place([{ id: 1, category: 'account_access', terms: terms('Login fails following a password reset') }]);
    expect(placed.get(1)).toBe(7);
  });

  it('places the same problem filed under another category into the existing theme', () => {
    const c = new Clustering(buildIdf(corpus), [{ id: 7, category: 'account_access', members: [terms('Cannot log in after password reset')] }]);
    const placed = c.place([{ id: 1, category: 'bug', terms: terms('Cannot log in after a password reset') }]);
    expect(placed.get(1)).toBe(7);
  });

  it('places one issue that holds a part of a theme\'s words into it in its category, and not across categories', () => {
    // The theme's members use many words; one new title shares only some of them, so its cosine to
    // the centroid is between the single-issue bar (0.2) and the group bar (0.3).
    const members = ['Refund not received after cancelling order', 'Still waiting on refund for cancelled order', 'Refund for returned item never arrived'].map(terms);
    const title = terms('Refund status for my return'); // cosine 0.29
    const idf = buildIdf([...corpus, ...members, title]);
    const sameCategory = new Clustering(idf, [{ id: 5, category: 'billing', members }]).place([{ id: 1, category: 'billing', terms: title }]);
    expect(sameCategory.get(1)).toBe(5);
    const otherCategory = new Clustering(idf, [{ id: 5, category: 'billing', members }]).place([{ id: 1, category: 'bug', terms: title }]);
    expect(otherCategory.get(1)).toBe(-1);
    const groupBar = new Clustering(idf, [{ id: 5, category: 'billing', members }]).place([{ id: 1, category: 'billing', terms: title }], { issue: 0.3, group: 0.3 });
    expect(groupBar.get(1)).toBe(-1);
  });

  it('opens a new theme for a loosely similar title in another category', () => {
    const c = new Clustering(buildIdf(corpus), [{ id: 7, category: 'account_access', members: [terms('Cannot log in after password reset')] }]);
    const placed = c.place([{ id: 1, category: 'feature_request', terms: terms('Password reset link should last longer') }]);
    expect(placed.get(1)).toBe(-1);
  });

  it('groups a run\'s new issues the same whatever order they are given in', () => {
    const batch = [
      'Refund not received',
      'Refund never arrived',
      'Still waiting for my refund',
      'CSV export times out',
      'Export to CSV times out on large files',
      'Dark mode please',
    ].map((title, i) => ({ id: i + 1, category: i < 3 ? 'billing' : i < 5 ? 'performance' : 'feature_request', terms: terms(title) }));
    const idf = buildIdf(batch.map((b) => b.terms));
    const forward = new Clustering(idf, []).place(batch);
    const backward = new Clustering(idf, []).place([...batch].reverse());
    expect([...backward].sort((a, b) => a[0] - b[0])).toEqual([...forward].sort((a, b) => a[0] - b[0]));
    expect(new Set([1, 2, 3].map((id) => forward.get(id))).size).toBe(1);
    expect(new Set([4, 5].map((id) => forward.get(id))).size).toBe(1);
    expect(forward.get(1)).not.toBe(forward.get(4));
  });

  it('opens a new theme when nothing is similar enough', () => {
    const c = new Clustering(buildIdf(corpus), [{ id: 7, category: 'billing', members: [terms('Invoice PDF download fails')] }]);
    const placed = c.place([
      { id: 1, category: 'billing', terms: terms('Refund not received') },
      { id: 2, category: 'billing', terms: terms('Refund never arrived on card') },
    ]);
    expect([placed.get(1), placed.get(2)]).toEqual([-1, -1]);
  });

  it('gives the same answer for the same input', () => {
    const run = () => {
      const c = new Clustering(buildIdf(corpus), []);
      const placed = c.place(corpus.map((t, i) => ({ id: i + 1, category: 'bug', terms: t })));
      return [...placed, ...c.mergePass().map((m) => [m.from, m.into])];
    };
    expect(run()).toEqual(run());
  });

  it('merges a new theme into an existing near-duplicate, never the other way round', () => {
    const c = new Clustering(buildIdf(corpus), [{ id: 3, category: 'billing', members: [terms('Refund not received')] }]);
    // Placed apart under an unreachable threshold, then found to be duplicates by the merge pass.
    const placed = c.place([{ id: 1, category: 'billing', terms: terms('Refund not received yet') }], { issue: 1.01, group: 1.01 });
    expect(placed.get(1)).toBe(-1);
    const merges = c.mergePass(0.5);
    expect(merges.map((m) => [m.from, m.into])).toEqual([[-1, 3]]);
    expect(resolveKey(-1, merges)).toBe(3);
  });

  it('merges two themes only when more than one word makes them alike', () => {
    // Equal weights per word: themes sharing one of two words have a centroid cosine of 0.5 (over
    // the 0.4 bar) that rests on that word alone; sharing two of three words it rests on both.
    const words = (...list: string[]): TermCounts => new Map(list.map((w) => [w, 1]));
    const idf = buildIdf([words('report', 'accident', 'credit', 'police', 'form')]);
    const oneWord = new Clustering(idf, [
      { id: 1, category: 'claims', members: [words('report', 'accident')] },
      { id: 2, category: 'claims', members: [words('report', 'credit')] },
    ]);
    expect(oneWord.mergePass()).toEqual([]);
    const twoWords = new Clustering(idf, [
      { id: 1, category: 'claims', members: [words('report', 'accident', 'police')] },
      { id: 2, category: 'claims', members: [words('report', 'accident', 'form')] },
    ]);
    expect(twoWords.mergePass().map((m) => [m.from, m.into])).toEqual([[2, 1]]);
  });
});

describe('cosineBeyondTopTerm', () => {
  it('is the cosine less the part of the one shared term that contributes most', () => {
    const idf = buildIdf([new Map([['a', 1], ['b', 1], ['c', 1]])]);
    const centroid = emptyCentroid();
    addMember(centroid, new Map([['a', 2], ['b', 1]]), idf);
    const q = queryVector(new Map([['a', 1], ['b', 1], ['c', 1]]), idf);
    const whole = cosineToCentroid(q.terms, q.weights, centroid, idf);
    // a contributes twice what b does, so without it a third of the cosine is left; c is not shared.
    expect(cosineBeyondTopTerm(q.terms, q.weights, centroid, idf)).toBeCloseTo(whole / 3, 12);
    expect(cosineBeyondTopTerm(q.terms, q.weights, emptyCentroid(), idf)).toBe(0);
  });
});
