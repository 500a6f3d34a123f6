import { describe, expect, it } from 'vitest';
import { deriveAnswer } from '../../src/sandbox/claude-rules.js';
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
});
