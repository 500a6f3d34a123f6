import { describe, expect, it } from 'vitest';
import { lemma } from '../../src/themes/lemma.js';
import { issueTerms, issueTermsAndWords, termWords, tokeniseIssues, tokenize } from '../../src/themes/tokenize.js';

describe('tokenize', () => {
  it('folds the ways of writing "log in" into one term', () => {
    for (const text of ['Cannot log in', 'log-in fails', 'Unable to sign in', 'signing in broken', 'Logon fails']) {
      expect(tokenize(text)).toEqual(['login']);
    }
  });

  it('drops stopwords, chat courtesies and support boilerplate', () => {
    expect(tokenize('The user is unable to export the report')).toEqual(['export', 'report']);
    expect(tokenize('Hi, good morning! Please help, the export is broken. Thanks')).toEqual(['export']);
  });

  it('drops order numbers, amounts and codes', () => {
    expect(tokenize('cancel order 113542617735902')).toEqual(['cancel', 'order']);
    expect(tokenize('refund of $1499 for invoice #85632')).toEqual(['refund', 'invoice']);
  });

  it('gives inflections of a word, regular or not, the same term', () => {
    expect(new Set(['upload', 'uploads', 'uploaded', 'uploading'].map((w) => tokenize(`photo ${w}`).join(' ')))).toEqual(new Set(['photo upload']));
    expect(new Set(['stolen', 'stole', 'steals'].map((w) => tokenize(`card ${w}`).join(' ')))).toEqual(new Set(['card steal']));
    expect(tokenize('cancelled orders')).toEqual(tokenize('canceling order'));
  });

  it('keeps words apart that are not synonyms', () => {
    expect(tokenize('credit score wrong')).not.toContain('card');
    expect(tokenize('payment declined')).not.toEqual(tokenize('billing address'));
  });

  it('keeps the words a phrase replaced beside its token, at half weight', () => {
    expect(termWords('sign in fails')).toEqual([['login', 'login', 1], ['sign', 'sign', 0.5]]);
    expect(issueTerms('Cannot sign in', null)).toEqual(new Map([['login', 1], ['sign', 0.5]]));
  });

  it('weighs each component word as one title word', () => {
    expect(issueTerms('Export fails', 'Reports export')).toEqual(new Map([['export', 2], ['report', 1]]));
  });

  it('folds accents, and phrases anywhere in a title, whichever phrase comes first', () => {
    expect(tokenize('Café résumé export')).toEqual(['cafe', 'resume', 'export']);
    expect(tokenize('Résumé upload: sign-in loops, then e-mails time out')).toEqual(['resume', 'upload', 'login', 'loop', 'email', 'timeout']);
    expect(tokenize('export to MS Excel after 2FA')).toEqual(['export', 'excel', 'twofactor']);
  });

  it('tokenises each issue as issueTermsAndWords does, even where titles and components run together', () => {
    const issues = [
      { title: 'Export fails', component: 'reports' },
      { title: 'Export fails', component: null },
      { title: 'Export fails', component: 'reports' },
      { title: 'Export failsreports', component: null },
      { title: 'Export', component: 'failsreports' },
      { title: 'a\u0000b', component: null },
      { title: 'a', component: 'b' },
    ];
    const tokens = tokeniseIssues(issues);
    expect(tokens).toEqual(issues.map((i) => issueTermsAndWords(i.title, i.component)));
    expect(tokens[2]).toBe(tokens[0]);
  });

  it('tokenises a 200 kB run of one letter as one word', () => {
    expect(tokenize('a'.repeat(200_000))).toHaveLength(1);
  });
});

describe('lemma', () => {
  it('knows irregular forms and leaves unknown words whole', () => {
    expect([lemma('stolen'), lemma('taken'), lemma('charges'), lemma('organization'), lemma('kalomi')]).toEqual([
      'steal',
      'take',
      'charge',
      'organization',
      'kalomi',
    ]);
  });
});
