import { evidenceFor, KNOWN_PROBLEMS, matchKnownProblems } from './claude-vocabulary.js';

/**
 * How the Claude stand-in "reads" a ticket: keyword rules over the customer's words, so that
 * its answers follow from the ticket text it was sent (tests can plant a complaint and find the
 * issue; the demo's inbox becomes themes), not from a canned list. Known product problems
 * (claude-vocabulary.ts) get their canonical titles; anything else falls back to the coarse
 * category rules below.
 */

export interface FakeIssue {
  title: string;
  category: string;
  component: string;
  severity: string;
  summary: string;
  evidence: string;
  theme_id: number;
}

/** A theme the request listed between <themes> and </themes> (src/analysis/prompt.ts). */
export interface ListedTheme {
  id: number;
  title: string;
  area: string;
}

export interface FakeAnswer {
  is_product_issue: boolean;
  issues: FakeIssue[];
  language: string;
  sentiment: string;
}

const RULES: Array<{ category: string; pattern: RegExp; title: string; severity: string }> = [
  { category: 'data_loss', pattern: /\b(lost|disappeared|vanished|wiped|missing data|deleted (?:all|my))\b/i, title: 'Data lost', severity: 'high' },
  { category: 'security', pattern: /\b(hack(?:ed)?|vulnerab\w*|security|breach|phishing|unauthori[sz]ed)\b/i, title: 'Security concern', severity: 'high' },
  { category: 'account_access', pattern: /\b(log ?in|sign ?in|password|2fa|locked out|sso)\b/i, title: 'Cannot sign in', severity: 'high' },
  { category: 'billing', pattern: /\b(charged?|invoice|refund|billing|overcharg\w*|subscription)\b/i, title: 'Billing problem', severity: 'medium' },
  { category: 'performance', pattern: /\b(slow|timeouts?|timed out|takes forever|lag\w*|freez\w*)\b/i, title: 'Slow performance', severity: 'medium' },
  { category: 'integration', pattern: /\b(integration|webhook|slack|salesforce|zapier|api)\b/i, title: 'Integration failure', severity: 'medium' },
  { category: 'bug', pattern: /\b(crash\w*|error|broken|bug|fails?|failing|does not work|doesn't work|not working)\b/i, title: 'Error', severity: 'medium' },
  { category: 'usability', pattern: /\b(confusing|can't find|cannot find|hard to|unclear|where is)\b/i, title: 'Confusing', severity: 'low' },
  { category: 'feature_request', pattern: /\b(feature request|would be (?:nice|great)|please add|wish|could you add)\b/i, title: 'Request', severity: 'low' },
];

const COMPONENTS = ['csv export', 'export', 'dashboard', 'mobile app', 'search', 'checkout', 'reports', 'calendar', 'notifications', 'invoice', 'login page', 'api', 'editor', 'import', 'settings'];

const LANGUAGE_HINTS: Array<[string, RegExp]> = [
  ['fr', /\b(bonjour|merci|ne fonctionne|problème)\b/i],
  ['es', /\b(hola|gracias|no funciona|problema)\b/i],
  ['de', /\b(hallo|danke|funktioniert nicht|fehler)\b/i],
];

/** The customer's words: the subject and customer messages of the rendered ticket. */
export function customerText(ticketText: string): string {
  const lines = ticketText.split('\n');
  if (!lines.some((l) => /^\[\d+\] \w+/.test(l))) return ticketText;
  const out: string[] = [];
  let customer = false;
  for (const line of lines) {
    const header = /^\[\d+\] (\w[\w-]*)/.exec(line);
    if (header) {
      customer = header[1] === 'customer';
      continue;
    }
    if (line.startsWith('Subject: ') || customer) out.push(line.replace(/^Subject: /, ''));
  }
  return out.join('\n');
}

const URGENT = /\b(all users|everyone|outage|production down|urgent)\b/i;

/** The known problems the text reports (at most three), named canonically as a model would. */
function knownIssues(text: string, sentences: readonly string[]): FakeIssue[] {
  return matchKnownProblems(text)
    .slice(0, 3)
    .map((problem) => {
      const sentence = evidenceFor(problem, sentences) ?? sentences[0] ?? '';
      return {
        title: problem.title,
        category: problem.category,
        component: problem.component,
        severity: URGENT.test(text) && problem.severity !== 'low' ? 'critical' : problem.severity,
        summary: `Customer reports: ${sentence.slice(0, 160)}`,
        evidence: sentence.slice(0, 200),
        theme_id: 0,
      };
    });
}

/** The themes listed in a request's user turn, as "id title (area)" lines. */
export function listedThemes(userText: string): ListedTheme[] {
  const block = /<themes>\n([\s\S]*?)\n<\/themes>/.exec(userText)?.[1];
  if (!block) return [];
  const out: ListedTheme[] = [];
  for (const line of block.split('\n')) {
    const m = /^(\d+) (.+?)(?: \(([^()]*)\))?$/.exec(line);
    if (m) out.push({ id: Number(m[1]), title: m[2]!, area: m[3] ?? '' });
  }
  return out;
}

/**
 * The listed theme that is the same problem as `issue`, judged with the stand-in's own
 * vocabulary: the theme's text names the same known problem, or (for problems it has no entry
 * for) the theme already carries the very title it would give. First listed wins.
 */
export function sameProblemTheme(issue: FakeIssue, themes: readonly ListedTheme[]): ListedTheme | undefined {
  const known = KNOWN_PROBLEMS.find((p) => p.title === issue.title);
  return themes.find((t) => (known ? matchKnownProblems(`${t.title} ${t.area}`).includes(known) : t.title.toLowerCase() === issue.title.toLowerCase()));
}

/**
 * Derives the answer a careful model would give, from keyword rules. Deterministic. An issue that
 * is the same problem as a listed theme takes its id and its title (the theme's wording).
 */
export function deriveAnswer(ticketText: string, themes: readonly ListedTheme[] = []): FakeAnswer {
  const text = customerText(ticketText);
  const sentences = text.split(/(?<=[.!?])\s+|\n+/).map((s) => s.trim()).filter(Boolean);
  const issues: FakeIssue[] = knownIssues(text, sentences);
  for (const rule of issues.length ? [] : RULES) {
    const sentence = sentences.find((s) => rule.pattern.test(s));
    if (!sentence) continue;
    const component = COMPONENTS.find((c) => sentence.toLowerCase().includes(c)) ?? COMPONENTS.find((c) => text.toLowerCase().includes(c)) ?? 'general';
    const severity = URGENT.test(text) && rule.severity !== 'low' ? 'critical' : rule.severity;
    issues.push({
      title: `${rule.title} in ${component}`.slice(0, 80),
      category: rule.category,
      component,
      severity,
      summary: `Customer reports: ${sentence.slice(0, 160)}`,
      evidence: sentence.slice(0, 200),
      theme_id: 0,
    });
    if (issues.length >= 3) break;
  }
  for (const issue of issues) {
    const theme = sameProblemTheme(issue, themes);
    if (theme) Object.assign(issue, { theme_id: theme.id, title: theme.title.slice(0, 80) });
  }
  const language = LANGUAGE_HINTS.find(([, re]) => re.test(text))?.[0] ?? 'en';
  const negative = /\b(angry|frustrated|terrible|unacceptable|annoyed|awful|worst)\b/i.test(text);
  const positive = /\b(thanks|thank you|great|love|awesome)\b/i.test(text);
  const sentiment = negative && positive ? 'mixed' : negative ? 'negative' : positive ? 'positive' : 'neutral';
  return { is_product_issue: issues.length > 0, issues, language, sentiment };
}

/**
 * The fake's answer to the theme-naming call (src/themes/naming-prompt.ts): every theme line of
 * the request gets a name built from its category, component and current title, so tests can
 * see which names came back, and one theme is answered twice to exercise duplicate handling.
 */
export function deriveThemeNames(userText: string): { themes: Array<{ id: number; name: string; description: string }> } {
  const themes: Array<{ id: number; name: string; description: string }> = [];
  for (const line of userText.split('\n')) {
    if (!line.startsWith('{')) continue;
    const theme = JSON.parse(line) as { id: number; category: string; component: string | null; current_title: string; tickets: number };
    const where = theme.component ? ` in ${theme.component}` : '';
    themes.push({
      id: theme.id,
      name: `${theme.current_title}${where}`.slice(0, 60),
      description: `Customers report: ${theme.current_title.toLowerCase()} (${theme.category}, ${theme.tickets} tickets).`,
    });
  }
  return { themes };
}

/**
 * The fake's answer to the near-duplicate call (src/themes/consolidation-prompt.ts): within each
 * group, themes whose text (title, component, sample titles) names the same known problem of its
 * vocabulary are one problem; so are themes with the very same title. Everything else is left
 * apart, as a careful model would when unsure.
 */
export function deriveSameProblems(userText: string): { same_problem: Array<{ group: number; ids: number[]; reason: string }> } {
  const out: Array<{ group: number; ids: number[]; reason: string }> = [];
  for (const line of userText.split('\n')) {
    if (!line.startsWith('{')) continue;
    const group = JSON.parse(line) as { group: number; themes: Array<{ id: number; title: string; component: string | null; sample_titles: string[] }> };
    const buckets = new Map<string, number[]>();
    for (const theme of group.themes) {
      const known = matchKnownProblems([theme.title, theme.component ?? '', ...theme.sample_titles].join('. '))[0];
      const key = known ? `known: ${known.title}` : `title: ${theme.title.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim()}`;
      buckets.set(key, [...(buckets.get(key) ?? []), theme.id]);
    }
    for (const [key, ids] of buckets) {
      if (ids.length > 1) out.push({ group: group.group, ids, reason: `All report the same problem (${key.replace(/^\w+: /, '')}).` });
    }
  }
  return { same_problem: out };
}
