/**
 * What Tallyo's customers write about, problem by problem, in the many ways people word the
 * same trouble. Only wording lives here: no titles, categories or labels reach the tickets, so
 * the Claude stand-in has to recognise each problem from the text as a model would.
 */

export interface ProblemScript {
  /** For the generator's bookkeeping and tests only; never written into a ticket. */
  key: string;
  /** Tickets spread over the sample's 35 days. */
  tickets: number;
  /** Extra tickets in the last 24 hours, from many organisations (the one rising problem). */
  spike?: number;
  subjects: readonly string[];
  /** The heart of the first message: what went wrong, in the customer's words. */
  reports: readonly string[];
  /** Sentences a customer adds to the first message (zero to two are used). */
  details: readonly string[];
  /** The customer's answer to the agent's first reply. */
  followUps: readonly string[];
  /** The agent's first reply. */
  replies: readonly string[];
}

export const PROBLEMS: readonly ProblemScript[] = [
  {
    key: 'two-factor',
    tickets: 38,
    subjects: ['Can\'t log in - 2FA code not accepted', 'Verification code rejected', 'Locked out after enabling two-factor', 'Authenticator codes keep failing', 'Login loop with 2FA'],
    reports: [
      'Every time I enter the 6-digit code from my authenticator app it says the code is invalid.',
      'Since this morning the two-factor code is rejected and I cannot get into my account.',
      'I type the verification code within seconds and Tallyo still tells me it expired.',
      'The security code from Google Authenticator is never accepted, I have tried ten times.',
      'Our whole finance team is locked out because the 2FA codes are refused.',
    ],
    details: ['I checked the clock on my phone and it is correct.', 'The backup codes did not work either.', 'This is blocking our month-end close.', 'I have already removed and re-added the account in the authenticator.'],
    followUps: ['Still the same, the code is refused.', 'Tried again on a different phone, same message.', 'That worked for me but two colleagues still cannot get in.'],
    replies: ['Sorry about this! Could you confirm the time zone setting on your phone and try once more?', 'Thanks for reporting this. I have reset your second factor; please enrol it again and let me know.'],
  },
  {
    key: 'password-reset',
    tickets: 33,
    subjects: ['Password reset email never arrives', 'No reset link', 'Forgot password - nothing in inbox', 'Reset password not working'],
    reports: [
      'I clicked "Forgot password" three times and the reset email never arrived.',
      'The password reset link does not come through, I checked spam and junk too.',
      'I requested a password reset an hour ago and still have not received any email.',
      'New team members cannot set a password because the reset mail never reaches their inbox.',
    ],
    details: ['Other emails from you arrive fine.', 'Our IT admin whitelisted your domain already.', 'I need to approve invoices today.'],
    followUps: ['Nothing arrived again.', 'Got it this time, after 40 minutes.', 'Still no email, can you reset it manually?'],
    replies: ['I have triggered a new reset link from our side; it may take a few minutes.', 'Could you check whether your mail server quarantines messages from our domain?'],
  },
  {
    key: 'sso',
    tickets: 24,
    subjects: ['SAML SSO?', 'Single sign-on with Okta', 'Do you support SSO', 'Azure AD login for our team'],
    reports: [
      'Do you support single sign-on? Our security policy requires SAML for every tool.',
      'We would love to log in with Okta instead of separate passwords.',
      'Is SSO through Azure AD on your roadmap? It is a blocker for our rollout.',
      'Our IT team asks whether Tallyo can do SAML SSO with OneLogin.',
    ],
    details: ['We have about 80 users who would need access.', 'Our audit is next quarter.', 'Happy to be a beta tester.'],
    followUps: ['Any timeline you can share?', 'Thanks, please keep us posted.'],
    replies: ['Thanks for asking! SSO is not available yet; I have added your vote to the request.', 'I passed this to our product team, who are gathering interest in SAML.'],
  },
  {
    key: 'double-charge',
    tickets: 31,
    subjects: ['Charged twice this month', 'Duplicate payment', 'Double charge on our card', 'Two charges for one subscription'],
    reports: [
      'We were charged twice for our monthly subscription, two identical charges on the same day.',
      'Our card statement shows a duplicate payment to Tallyo for March.',
      'You billed us twice for the annual plan, please refund one of them.',
      'I see two charges of 49 EUR for one subscription on our credit card.',
    ],
    details: ['Our bookkeeper spotted it during reconciliation.', 'Please refund the second payment.', 'This happened last month too.'],
    followUps: ['Thanks, when will the refund show up?', 'Can you confirm the refund in writing for our accounts?'],
    replies: ['I can see the duplicate transaction and have issued a refund; it takes 5-10 business days.', 'Sorry about that. Could you send the last four digits of the card so I can find both payments?'],
  },
  {
    key: 'vat',
    tickets: 30,
    subjects: ['VAT wrong on invoice', 'Invoice shows 20% VAT instead of reverse charge', 'Wrong tax on our invoices', 'Rechnung: falsche MwSt'],
    reports: [
      'Our invoice shows 20% VAT although we entered our EU VAT number, it should be reverse charge.',
      'The tax rate on the invoices we send to customers in Ireland is wrong, it uses the UK VAT.',
      'Die Rechnung weist 19% MwSt aus, obwohl wir eine USt-IdNr hinterlegt haben.',
      'Sales tax is calculated on the shipping line too, which is wrong for our state.',
      'Notre facture indique une TVA de 20% alors que nous sommes en autoliquidation.',
    ],
    details: ['Our accountant will not accept these invoices.', 'We need corrected invoices for the quarter.', 'It started after we changed our company address.'],
    followUps: ['The new invoice still has the wrong amount.', 'Thanks, the corrected invoice looks right now.'],
    replies: ['Thanks, I have asked our billing team to reissue the invoice.', 'Could you send the invoice number so I can check the tax settings on it?'],
  },
  {
    key: 'mobile-upload-crash',
    tickets: 26,
    spike: 17,
    subjects: ['App crashes when uploading receipts', 'iPhone app closes on photo upload', 'Android app crash - receipt scan', 'Mobile app keeps crashing', 'App stürzt beim Hochladen ab'],
    reports: [
      'The mobile app crashes every time I try to upload a photo of a receipt.',
      'When I tap "Scan receipt" on my iPhone the app closes immediately.',
      'On Android the app crashes as soon as I attach a picture to an expense.',
      'Uploading receipts from the phone kills the app, it just shuts down.',
      'Die App stürzt ab, sobald ich ein Foto von einem Beleg hochlade.',
    ],
    details: ['I reinstalled the app, no change.', 'It happens on both Wi-Fi and mobile data.', 'Our field staff cannot submit expenses at all.', 'Small photos sometimes work, large ones never.'],
    followUps: ['Same crash after the reinstall.', 'Any update? We still cannot upload.', 'The web upload works as a workaround for now.'],
    replies: ['Thanks! Which app version and phone model are you on?', 'Our mobile team is looking into this; the web app works as a workaround meanwhile.'],
  },
  {
    key: 'slack',
    tickets: 29,
    subjects: ['Slack integration disconnected', 'Slack notifications stopped', 'Slack app keeps unlinking', 'No more approvals in Slack'],
    reports: [
      'The Slack integration disconnects every few days and we have to reconnect it.',
      'Approval requests stopped appearing in our Slack channel, the integration shows as disconnected.',
      'Slack keeps asking us to reauthorise Tallyo, it drops the connection constantly.',
      'Our #finance channel went quiet, the Slack app no longer posts expense approvals.',
    ],
    details: ['We reconnected it twice this week.', 'Nobody changed anything in our Slack workspace.', 'Managers miss approvals because of this.'],
    followUps: ['It disconnected again overnight.', 'Reconnected, let us see if it holds.'],
    replies: ['Sorry for the trouble! Could you remove the app from Slack and add it again from Settings > Integrations?', 'We are aware of token refresh problems with Slack and are working on a fix.'],
  },
  {
    key: 'rate-limit',
    tickets: 22,
    subjects: ['API 429 errors', 'Too many requests from API', 'Rate limit on invoices endpoint', 'Our sync job gets throttled'],
    reports: [
      'Our nightly sync against your API now fails with 429 Too Many Requests after a few hundred calls.',
      'The API started rate limiting us at 60 requests per minute, the docs say 600.',
      'We get HTTP 429 on the invoices endpoint even with a single worker.',
      'Our ERP integration is throttled constantly since last week, lots of 429 responses.',
    ],
    details: ['We already back off using the Retry-After header.', 'Nothing changed on our side.', 'This breaks our accounting export to the ERP.'],
    followUps: ['Still seeing the 429s this morning.', 'Could you raise our limit temporarily?'],
    replies: ['Could you share the request ids of a few failed calls?', 'I have asked our platform team to review the limits on your account.'],
  },
  {
    key: 'csv-export',
    tickets: 40,
    subjects: ['CSV export takes forever', 'Export times out', 'Expense report export stuck', 'Slow download of transactions'],
    reports: [
      'Exporting our transactions to CSV takes forever and then times out.',
      'The CSV export of last quarter has been spinning for 20 minutes.',
      'Downloading the expense report as CSV is extremely slow, it never finishes for a full year.',
      'Every export over a few thousand rows times out with a gateway error.',
    ],
    details: ['Smaller date ranges work.', 'Our auditor needs the full year.', 'It used to take seconds.', 'Tried Chrome and Firefox.'],
    followUps: ['It timed out again.', 'Splitting by month works but takes ages.'],
    replies: ['Thanks for flagging this. As a workaround, exporting month by month should work.', 'Could you tell me roughly how many rows the export has?'],
  },
  {
    key: 'import-missing',
    tickets: 28,
    subjects: ['Data missing after import', 'Import skipped rows', 'Contacts gone after CSV import', 'Only half of our clients imported'],
    reports: [
      'We imported 1,240 clients from a CSV file and only 610 show up in Tallyo.',
      'After the import from our old system about half of the invoices are missing.',
      'The import said it succeeded but many of our contacts are gone.',
      'Rows with accented names were skipped during the import, they are simply missing.',
    ],
    details: ['There was no error message.', 'We deleted the old system already.', 'I can send the file if that helps.'],
    followUps: ['Re-running the import did not bring them back.', 'Here is the file we used.'],
    replies: ['Could you send the import file so our team can check which rows were skipped?', 'Thanks, I have escalated this to our data team.'],
  },
  {
    key: 'timezone',
    tickets: 26,
    subjects: ['Dashboard time is off', 'Wrong timezone on dashboard', 'Times shown in UTC', 'Expenses dated the wrong day'],
    reports: [
      'The dashboard shows all times in UTC even though our account is set to Europe/Berlin.',
      'Everything on the dashboard is 5 hours off, it looks like the wrong time zone.',
      'Expenses submitted in the evening show up on the next day, the timezone seems wrong.',
      'Our team in Sydney sees payment times in PST on the overview.',
    ],
    details: ['The mobile app shows the right time.', 'It confuses our month-end reports.', 'I changed the setting twice.'],
    followUps: ['Still showing the wrong time.', 'Logging out and in did not help.'],
    replies: ['Could you check Settings > Company > Time zone and send a screenshot?', 'Thanks, we can reproduce this and have logged it with engineering.'],
  },
  {
    key: 'dark-mode',
    tickets: 20,
    subjects: ['Dark mode?', 'Feature request: dark theme', 'Night mode please', 'Any plans for dark mode'],
    reports: [
      'Would be great to have a dark mode, I work late and the white screens are harsh.',
      'Any plans for a dark theme? Most of our other tools have one.',
      'Feature request: please add a night mode to the web app.',
      'Our team would really love a dark mode option.',
    ],
    details: ['Love the product otherwise!', 'Even just for the dashboard would help.'],
    followUps: ['Thanks!', 'Great, looking forward to it.'],
    replies: ['Thanks for the suggestion! I have added your vote to the dark mode request.', 'Our designers are exploring a dark theme; I will pass on your feedback.'],
  },
];

/** Questions that are not product problems: a real inbox has plenty. */
export const QUESTIONS: ProblemScript = {
  key: 'question',
  tickets: 26,
  subjects: ['Adding a teammate', 'Nonprofit discount?', 'Change company address', 'Question about approvals', 'Where is the currency setting'],
  reports: [
    'How do I add a new teammate to our workspace?',
    'Do you offer a discount for registered charities?',
    'We moved offices, how do we update the company address that appears on documents?',
    'Can an approver delegate approvals while on holiday?',
    'I cannot find where to change the default currency, it is confusing.',
  ],
  details: ['Thanks in advance.', 'No rush.'],
  followUps: ['Perfect, thank you!', 'Thanks, that answers it.'],
  replies: ['Good question! You can do this under Settings; here is a short guide.', 'Happy to help: I have sent you the steps by email.'],
};

/** Asides customers add about a second problem (P.S. lines): some tickets report two things. */
export const ASIDES = [
  'PS: any news on a dark mode?',
  'Also, the CSV export is painfully slow for us lately, it times out most days.',
  'Unrelated, but our Slack integration disconnected again this week.',
  'Side note: the dashboard still shows everything in UTC.',
] as const;

/** Spam that agents delete: it reaches the export as "deleted" and is never analysed. */
export const SPAM_SUBJECTS = ['Guaranteed first page on Google', 'Partnership opportunity!!!', 'Cheap SEO backlinks', 'You have won a gift card', 'Crypto investment offer'] as const;
