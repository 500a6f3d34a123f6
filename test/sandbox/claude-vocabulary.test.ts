import { describe, expect, it } from 'vitest';
import { deriveAnswer, deriveSameProblems, listedThemes } from '../../src/sandbox/claude-rules.js';
import { matchKnownProblems } from '../../src/sandbox/claude-vocabulary.js';
import { PROBLEMS } from '../../src/sandbox/sample-problems.js';

const titles = (text: string) => matchKnownProblems(text).map((p) => p.title);

describe('the Claude stand-in vocabulary', () => {
  it('recognises wording that is not in the sample inbox', () => {
    expect(titles('Your Android app force closes whenever I snap a receipt.')).toEqual(['Mobile app crashes when uploading receipts']);
    expect(titles('We got debited twice by you this month.')).toEqual(['Customers charged twice for one subscription']);
    expect(titles('Downloading invoices has been stuck for an hour.')).toEqual(['CSV export is slow or times out']);
    expect(titles('The OTP from the SMS is refused every time.')).toEqual(['Two-factor codes rejected at login']);
    expect(titles('Is there a way to login through Entra ID?')).toEqual(['Support SAML single sign-on']);
  });

  it('reads redacted text: placeholders neither hide nor invent a problem', () => {
    const answer = deriveAnswer('Subject: Reset\n\n[1] customer:\nHi, [NAME] here. The password reset email never reached [EMAIL], call [PHONE].\n');
    expect(answer.issues.map((i) => [i.title, i.category, i.severity])).toEqual([['Password reset email never arrives', 'account_access', 'high']]);
  });

  it('maps every report of a sample problem to exactly one known problem, the same for the whole problem', () => {
    for (const problem of PROBLEMS) {
      const found = new Set(problem.reports.map((r) => titles(r).join(' + ')));
      expect(found.size, problem.key).toBe(1);
      expect([...found][0], problem.key).not.toBe('');
    }
  });

  it('reads only the customer: an agent mentioning a time zone adds no issue', () => {
    const text = 'Subject: Login\n\n[1] customer:\nThe 2FA code is rejected.\n\n[2] agent:\nPlease check the time zone on your phone.\n';
    expect(deriveAnswer(text).issues.map((i) => i.title)).toEqual(['Two-factor codes rejected at login']);
  });

  it('answers a shortlist from its own vocabulary: the same known problem takes the theme id and wording', () => {
    const user = '<themes>\n12 Dark mode for the dashboard\n40 One-time password not accepted (sign-in)\n</themes>\n\nAnalyse this support ticket.\n\n';
    const themes = listedThemes(user);
    expect(themes).toEqual([
      { id: 12, title: 'Dark mode for the dashboard', area: '' },
      { id: 40, title: 'One-time password not accepted', area: 'sign-in' },
    ]);
    const answer = deriveAnswer('Subject: Login\n\n[1] customer:\nThe 2FA code is rejected. Also the export fails with an error.\n', themes);
    expect(answer.issues.map((i) => [i.title, i.theme_id])).toEqual([
      ['One-time password not accepted', 40],
    ]);
    expect(deriveAnswer('Subject: x\n\n[1] customer:\nThe search page shows an error.\n', themes).issues.map((i) => i.theme_id)).toEqual([0]);
  });

  it('judges near-duplicate groups by the known problem their text names', () => {
    const group = { group: 3, themes: [
      { id: 5, title: 'Authenticator code refused', component: 'login', sample_titles: [] },
      { id: 9, title: 'Two-factor codes rejected at login', component: 'login', sample_titles: [] },
      { id: 11, title: 'Dark mode please', component: null, sample_titles: [] },
    ] };
    expect(deriveSameProblems(`Groups:\n${JSON.stringify(group)}`).same_problem.map((s) => [s.group, s.ids])).toEqual([[3, [5, 9]]]);
  });
});
