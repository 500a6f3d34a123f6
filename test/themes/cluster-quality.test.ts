import { describe, expect, it } from 'vitest';
import { HOLDOUT_TITLES } from '../fixtures/themes/holdout-titles.js';
import { HOLDOUT2_TITLES } from '../fixtures/themes/holdout2-titles.js';
import { LABELLED_TITLES, type LabelledTitle } from '../fixtures/themes/labelled-titles.js';
import { adjustedRandIndex } from '../helpers/ari.js';
import { clusterInRuns, shuffled } from '../helpers/cluster-runs.js';
import { normalizedMutualInfo } from '../helpers/nmi.js';

const ari = (items: LabelledTitle[], runs = 1) => adjustedRandIndex(items.map((t) => t.label), clusterInRuns(items, runs));

describe('clustering quality on labelled corpora', () => {
  it('has at least 150 titles over at least 20 themes in several categories', () => {
    expect(LABELLED_TITLES.length).toBeGreaterThanOrEqual(150);
    expect(new Set(LABELLED_TITLES.map((t) => t.label)).size).toBeGreaterThanOrEqual(20);
    expect(new Set(LABELLED_TITLES.map((t) => t.category)).size).toBeGreaterThanOrEqual(5);
  });

  it('scores an adjusted Rand index of at least 0.85 on the tuning fixture, whatever order the issues arrive in', () => {
    // 0.823 before a join had to rest on more than one word (clustering.ts, PLACE_SUPPORT): the
    // component both problems were filed under joined them; 0.869 since.
    for (const seed of [0, 1, 2, 3, 4, 5]) {
      expect(ari(seed ? shuffled(LABELLED_TITLES, seed) : LABELLED_TITLES), `seed ${seed}`).toBeGreaterThanOrEqual(0.85);
    }
  });

  it('scores at least 0.95 on the project-management corpus and 0.8 on the storefront corpus in one run', () => {
    // Both were written blind to the clustering (see their files); they now guard against regressions
    // (project-management 0.934 before the one-word rule, 0.988 since).
    for (const seed of [0, 1, 2]) {
      expect(ari(seed ? shuffled(HOLDOUT2_TITLES, seed) : HOLDOUT2_TITLES), `project-management, seed ${seed}`).toBeGreaterThanOrEqual(0.95);
      expect(ari(seed ? shuffled(HOLDOUT_TITLES, seed) : HOLDOUT_TITLES), `storefront, seed ${seed}`).toBeGreaterThanOrEqual(0.8);
    }
  });

  it('still scores when the same issues arrive over four runs', () => {
    expect(ari(LABELLED_TITLES, 4)).toBeGreaterThanOrEqual(0.55);
    expect(ari(HOLDOUT2_TITLES, 4)).toBeGreaterThanOrEqual(0.7);
  });

  it('keeps one problem in one theme when the model files some of its issues under another category', () => {
    // Every third title of each label is refiled as "bug": a hard category wall would split each label in two.
    const refiled = HOLDOUT2_TITLES.map((t, i) => (i % 3 === 0 ? { ...t, category: 'bug' } : t));
    expect(ari(refiled)).toBeGreaterThanOrEqual(ari(HOLDOUT2_TITLES) - 0.1);
  });
});

describe('adjustedRandIndex', () => {
  it('is 1 for identical partitions under different names', () => {
    expect(adjustedRandIndex(['a', 'a', 'b', 'b'], [7, 7, 3, 3])).toBe(1);
  });

  it('is at most 0 when every item is put in one block against a real split', () => {
    expect(adjustedRandIndex(['a', 'a', 'b', 'b'], [1, 1, 1, 1])).toBeLessThanOrEqual(0);
  });

  it('matches a hand-computed value', () => {
    // Contingency [[2,1],[0,2]] over 5 items: index 2, a 4, b 4, expected 1.6, max 4 → 0.4/2.4.
    expect(adjustedRandIndex(['x', 'x', 'x', 'y', 'y'], [1, 1, 2, 2, 2])).toBeCloseTo(0.4 / 2.4, 10);
  });
});

describe('normalizedMutualInfo', () => {
  it('is 1 for identical partitions under different names and 0 for independent ones', () => {
    expect(normalizedMutualInfo(['a', 'a', 'b', 'b'], [7, 7, 3, 3])).toBeCloseTo(1, 12);
    expect(normalizedMutualInfo(['a', 'a', 'b', 'b'], [1, 2, 1, 2])).toBeCloseTo(0, 12);
  });
});
