/**
 * The Claude stand-in's product vocabulary: how customers word the problems a SaaS support inbox
 * keeps seeing, mapped to the canonical issue a careful model would name. A problem is
 * recognised from the words it is given (redacted customer text: placeholders such as [EMAIL]
 * are harmless here), never from a ticket id or a label, so the demo's themes come out of the
 * text the way real analysis would. Every `when` group must match somewhere in the text; within
 * a group any alternative will do. English first, plus the German, French and Spanish words a
 * European customer base writes.
 */

export interface KnownProblem {
  title: string;
  category: string;
  component: string;
  severity: string;
  /** Every pattern must match the customer's text (AND); each pattern holds alternatives (OR). */
  when: readonly RegExp[];
}

const CRASH = /\b(crash\w*|closes (?:itself|on me|immediately)|quits|shuts down|force[- ]?clos\w*|kicks me out|stürzt|abstürz\w*|se bloquea|se cierra|plante|se ferme)\b/i;
const MOBILE = /\b(app|iphone|ipad|ios|android|pixel|galaxy|mobile|phone|handy|móvil|portable)\b/i;
const UPLOAD = /\b(upload\w*|photo\w*|picture\w*|camera|attach\w*|receipts?|scan\w*|hochlad\w*|beleg\w*|foto\w*|reçu|justificatif)\b/i;
const SLOW = /\b(slow\w*|forever|ages|time[sd]? ?out|timing out|timeouts?|minutes|hours|spinn\w*|stuck|never (?:finishes|completes|ends)|hangs?|langsam|lent)\b/i;

/** Most specific first: the first matches are the ones reported (a ticket names at most three). */
export const KNOWN_PROBLEMS: readonly KnownProblem[] = [
  {
    title: 'Two-factor codes rejected at login',
    category: 'account_access',
    component: 'login',
    severity: 'high',
    when: [/\b(2fa|two[- ]?factor|authenticator|verification codes?|one[- ]time (?:code|password)|security codes?|otp|6[- ]digit codes?|mfa)\b/i],
  },
  {
    title: 'Password reset email never arrives',
    category: 'account_access',
    component: 'password reset',
    severity: 'high',
    when: [/\b(password|passwort|mot de passe|contraseña)\b/i, /\b(reset\w*|forgot|forgotten|recover\w*|zurücksetz\w*|réinitialis\w*)\b/i, /\b(e-?mails?|links?|inbox|spam|junk|arriv\w*|receiv\w*|never (?:came|comes|got))\b/i],
  },
  {
    title: 'Support SAML single sign-on',
    category: 'feature_request',
    component: 'authentication',
    severity: 'medium',
    when: [/\b(sso|single sign[- ]?on|saml|okta|azure ad|entra id|onelogin|google workspace login)\b/i],
  },
  {
    title: 'Customers charged twice for one subscription',
    category: 'billing',
    component: 'payments',
    severity: 'high',
    when: [/\b((?:charged|billed|debited|paid) (?:us )?(?:twice|double|two times)|double[- ]?(?:charged?|billed|payment)|duplicate (?:charges?|payments?|transactions?)|two (?:identical |separate )?(?:charges|payments|transactions)|zweimal abgebucht|doppelt abgebucht|prélevé deux fois|cobrado dos veces)\b/i],
  },
  {
    title: 'Invoice shows the wrong VAT',
    category: 'billing',
    component: 'invoices',
    severity: 'medium',
    when: [/\b(vat|tax rate|sales tax|reverse[- ]charge|mwst|tva|iva)\b/i],
  },
  {
    title: 'Mobile app crashes when uploading receipts',
    category: 'bug',
    component: 'mobile app',
    severity: 'high',
    when: [CRASH, MOBILE, UPLOAD],
  },
  {
    title: 'Slack integration keeps disconnecting',
    category: 'integration',
    component: 'slack integration',
    severity: 'medium',
    when: [/\bslack\b/i, /\b(disconnect\w*|stopped|no longer|not posting|reconnect\w*|unlink\w*|dropp\w*|lost (?:the )?connection|silent|went quiet|token (?:expired|revoked)|keeps? (?:asking|logging))\b/i],
  },
  {
    title: 'API requests rejected with 429 rate limit errors',
    category: 'integration',
    component: 'api',
    severity: 'medium',
    when: [/\b(429|rate[- ]?limit\w*|too many requests|throttl\w*)\b/i],
  },
  {
    title: 'CSV export is slow or times out',
    category: 'performance',
    component: 'csv export',
    severity: 'medium',
    // The slowness must be the export's, in the same sentence: "search is slow and the export
    // crashes" is two other problems.
    when: [new RegExp(`\\b(?:export\\w*|csv|download\\w*|exportier\\w*)\\b[^.!?\\n]{0,80}?${SLOW.source}|${SLOW.source}\\s+(?:csv\\s+|data\\s+)?export`, 'i')],
  },
  {
    title: 'Records missing after CSV import',
    category: 'data_loss',
    component: 'import',
    severity: 'high',
    when: [/\b(import\w*|migrat\w*|upload(?:ed)? (?:our|the|a|my) (?:csv|spreadsheet|file))\b/i, /\b(missing|gone|lost|disappeared|vanished|only \d+|not all|half|skipped|dropped|fewer|incomplete|fehlen\w*|manquant\w*)\b/i],
  },
  {
    title: 'Dashboard shows times in the wrong timezone',
    category: 'bug',
    component: 'dashboard',
    severity: 'medium',
    // Case-sensitive: the zone abbreviations are common words in lower case (French "cet", "est").
    when: [/\b(?:[Tt]ime ?[Zz]ones?|UTC|GMT|CES?T|P[SD]T|E[SD]T|AEST|\d+ hours? (?:off|behind|ahead|early|late)|wrong (?:time|day|date)s?|[Zz]eitzone|fuseau horaire)\b/],
  },
  {
    title: 'Default currency setting is hard to find',
    category: 'usability',
    component: 'settings',
    severity: 'low',
    when: [/\b(currenc\w*|währung|devise|moneda)\b/i, /\b(can'?t find|cannot find|where (?:is|do|can)|hard to|confus\w*|hidden|unclear)\b/i],
  },
  {
    title: 'Add a dark mode',
    category: 'feature_request',
    component: 'user interface',
    severity: 'low',
    when: [/\b(dark (?:mode|theme)|night mode|darker (?:theme|colou?rs?)|dunkelmodus|mode sombre|modo oscuro)\b/i],
  },
];

/** The known problems `text` reports, most specific first. Pure. */
export function matchKnownProblems(text: string): KnownProblem[] {
  return KNOWN_PROBLEMS.filter((p) => p.when.every((pattern) => pattern.test(text)));
}

/** The first sentence of `sentences` that matches any of the problem's patterns (the evidence). */
export function evidenceFor(problem: KnownProblem, sentences: readonly string[]): string | undefined {
  return sentences.find((s) => problem.when.every((p) => p.test(s))) ?? sentences.find((s) => problem.when.some((p) => p.test(s)));
}
