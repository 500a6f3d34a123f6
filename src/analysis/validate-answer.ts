import { z } from 'zod';
import { CATEGORIES, MAX_ISSUES_PER_TICKET, MAX_TITLE_CHARS, SENTIMENTS, SEVERITIES } from './taxonomy.js';

/**
 * Validation of Claude's answer, in code: structured outputs constrain the model, but a
 * stand-in, an older model or a future API change may not, and invented categories are the
 * known failure of cheap models (research/analysis.md §5). Pure.
 */

/** Cuts at a word boundary so a title stays readable; the schema asks for ≤80 already. */
function clip(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return (space > max * 0.6 ? cut.slice(0, space) : cut).trim();
}

// Placeholders from redaction must not become part of a canonical title.
const withoutPlaceholders = (text: string) => text.replace(/\[(NAME|EMAIL|PHONE|CARD|IBAN|IP)\]/g, '').replace(/\s{2,}/g, ' ').trim();

// Case and spacing are normalised ("Feature request" -> feature_request); anything still
// outside the list is rejected, never mapped to a guess.
const enumToken = (value: unknown) => (typeof value === 'string' ? value.trim().toLowerCase().replace(/[\s-]+/g, '_') : value);
const optionalText = (max: number) =>
  z
    .string()
    .nullish()
    .transform((v) => clip(v ?? '', max));

const issueSchema = z.object({
  title: z
    .string()
    .transform((t) => clip(withoutPlaceholders(t), MAX_TITLE_CHARS))
    .pipe(z.string().min(3, 'title is empty')),
  category: z.preprocess(enumToken, z.enum(CATEGORIES)),
  component: optionalText(60).transform((c) => c.toLowerCase()),
  severity: z.preprocess(enumToken, z.enum(SEVERITIES)),
  summary: optionalText(600),
  evidence: optionalText(300),
  // The shortlisted theme this issue belongs to; checkAnswer keeps it only if it was offered.
  theme_id: z
    .union([z.number(), z.string()])
    .nullish()
    .transform((v) => (v === null || v === undefined || v === '' ? null : Number(v)))
    .transform((v) => (v !== null && Number.isSafeInteger(v) && v > 0 ? v : null)),
});

export const answerSchema = z.object({
  is_product_issue: z.boolean().nullish(),
  // Not .max(): a model that ignores the schema's maxItems must not cost the whole ticket (1.5% of
  // tickets with the stand-in); checkAnswer keeps the most severe MAX_ISSUES_PER_TICKET.
  issues: z.array(issueSchema).max(MAX_ISSUES_PER_TICKET * 10),
  // Asked for, but not worth failing a ticket over: a missing one is stored as null.
  language: z
    .string()
    .trim()
    .transform((l) => l.toLowerCase())
    .pipe(z.string().regex(/^[a-z]{2,3}(-[a-z0-9]{2,8})?$/, 'language must be an ISO 639 code'))
    .nullish()
    .transform((l) => l ?? null),
  sentiment: z
    .preprocess(enumToken, z.enum(SENTIMENTS).nullish())
    .transform((s) => s ?? null),
});

export type Answer = Omit<z.infer<typeof answerSchema>, 'is_product_issue'> & {
  is_product_issue: boolean;
  /** Issues left out because the answer had more than MAX_ISSUES_PER_TICKET (the least severe). */
  issues_dropped: number;
};
export type ExtractedIssue = Answer['issues'][number];

/** The parts of a Messages API response the validator reads (live or batch). */
export interface MessageLike {
  stop_reason: string | null;
  content: Array<{ type: string; text?: string; input?: unknown }>;
}

export type AnswerCheck = { ok: true; answer: Answer } | { ok: false; reason: string };

/**
 * Turns a response into a validated Answer, or a one-line reason why not: refusal,
 * max_tokens, no answer block, text that is not JSON, or JSON outside the schema.
 * Accepts the structured-output shape (a text block of JSON) and the tool_use shape.
 * Never throws. `issues` is the source of truth: is_product_issue is true whenever any exist.
 * A theme_id that is not one of `shortlist` (the ids the request offered) becomes null: "new".
 */
export function checkAnswer(message: MessageLike, shortlist: ReadonlySet<number> = new Set()): AnswerCheck {
  if (message.stop_reason === 'refusal') return { ok: false, reason: 'refusal: the model declined to answer' };
  if (message.stop_reason === 'max_tokens') return { ok: false, reason: 'max_tokens: the answer was cut off' };
  let payload: unknown;
  const tool = message.content.find((b) => b.type === 'tool_use');
  const text = message.content.find((b) => b.type === 'text' && typeof b.text === 'string');
  if (tool && tool.input !== undefined) {
    payload = tool.input;
  } else if (text?.text !== undefined) {
    try {
      payload = JSON.parse(stripFence(text.text));
    } catch {
      return { ok: false, reason: `invalid answer: not JSON (${text.text.slice(0, 60).replace(/\s+/g, ' ')})` };
    }
  } else {
    return { ok: false, reason: `invalid answer: no text or tool_use block (stop_reason ${message.stop_reason ?? 'null'})` };
  }
  const parsed = answerSchema.safeParse(payload);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first?.path.length ? first.path.join('.') : 'answer';
    return { ok: false, reason: `invalid answer: ${where}: ${first?.message ?? 'does not match the schema'}` };
  }
  const answer = parsed.data;
  const kept = mostSevere(answer.issues, MAX_ISSUES_PER_TICKET);
  const issues = kept.map((issue) => (issue.theme_id === null || shortlist.has(issue.theme_id) ? issue : { ...issue, theme_id: null }));
  return {
    ok: true,
    answer: { ...answer, issues, issues_dropped: answer.issues.length - issues.length, is_product_issue: Boolean(answer.is_product_issue) || answer.issues.length > 0 },
  };
}

/** The `max` most severe issues, in the order the answer gave them within a severity. Pure. */
export function mostSevere<T extends { severity: (typeof SEVERITIES)[number] }>(issues: T[], max: number): T[] {
  if (issues.length <= max) return issues;
  const rank = (issue: T) => SEVERITIES.indexOf(issue.severity); // critical first
  return issues
    .map((issue, i) => ({ issue, i }))
    .sort((a, b) => rank(a.issue) - rank(b.issue) || a.i - b.i)
    .slice(0, max)
    .map((x) => x.issue);
}

/** Older models sometimes wrap JSON in a ```json fence even when told not to. */
function stripFence(text: string): string {
  const match = /^\s*```(?:json)?\s*([\s\S]*?)\s*```\s*$/.exec(text);
  return match ? match[1]! : text;
}
