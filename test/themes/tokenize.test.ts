import { describe, expect, it } from 'vitest';
import { stem } from '../../src/themes/stem.js';
import { issueTerms, tokenize } from '../../src/themes/tokenize.js';

describe('tokenize', () => {
  it('folds the ways of writing "log in" into one term', () => {
    for (const text of ['Cannot log in', 'log-in fails', 'Unable to sign in', 'signing in broken', 'Logon fails']) {
      expect(tokenize(text)).toEqual(['login']);
    }
  });

  it('drops stopwords and support boilerplate', () => {
    expect(tokenize('The user is unable to export the report')).toEqual(['export', 'report']);
  });

  it('gives inflections of a word the same term', () => {
    expect(new Set(['upload', 'uploads', 'uploaded', 'uploading'].map((w) => tokenize(`photo ${w}`).join(' ')))).toEqual(new Set(['photo upload']));
    expect(stem('timestamps')).toBe(stem('timestamp'));
  });

  it('keeps a double charge next to other wordings of paying twice', () => {
    expect(tokenize('Charged twice for subscription')).toEqual(['charge', 'duplicate', 'plan']);
    expect(tokenize('Payment taken two times')).toEqual(['charge', 'taken', 'duplicate']);
  });

  it('weighs each component word as one title word', () => {
    expect(issueTerms('Export fails', 'Reports export')).toEqual(new Map([['export', 2], ['report', 1]]));
  });
});
