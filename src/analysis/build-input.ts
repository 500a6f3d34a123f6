import { createHash } from 'node:crypto';
import { redactText, type KnownPerson } from './redact.js';
import { stripHtml } from './strip-html.js';

/** What the analysis needs of one ticket, loaded by select-tickets.ts. */
export interface TicketForAnalysis {
  id: number;
  subject: string | null;
  description: string | null;
  tags: string[];
  channel: string | null;
  created_at: string;
  /** Changes whenever sync rewrites the ticket or its comments (see select-tickets.ts). */
  source_stamp: string;
  /** The requester and anyone else named on the ticket, for name/email redaction. */
  people: KnownPerson[];
  comments: Array<{ author_role: string; body: string; created_at: string; public: number }>;
}

export interface BuiltInput {
  /** sha256 of the raw (unredacted, untruncated) rendering: a change means re-analysis. */
  hash: string;
  /** The delimited, redacted, truncated text that goes to Claude. */
  text: string;
  truncated: boolean;
}

/** Default token budget for one ticket's text; beyond it the middle is cut. */
export const DEFAULT_INPUT_TOKEN_BUDGET = 6000;

/**
 * A deliberately pessimistic token estimate (3 chars per token; Claude's newer tokenizers count
 * ~30% more than 4 chars/token). Used for truncation and the budget, never for billing.
 */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 3);
}

function roleLabel(role: string): string {
  if (role === 'end-user') return 'customer';
  if (role === 'agent' || role === 'admin') return 'agent';
  return 'unknown';
}

/** The plain rendering of a ticket: header lines, then each message in order with its author role. */
export function renderTicket(ticket: TicketForAnalysis): string {
  const lines = [
    `Subject: ${stripHtml(ticket.subject ?? '').replace(/\s+/g, ' ').trim() || '(none)'}`,
    `Channel: ${ticket.channel ?? 'unknown'}`,
    `Tags: ${ticket.tags.length ? ticket.tags.join(', ') : '(none)'}`,
    '',
  ];
  const comments = [...ticket.comments].sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : 0));
  if (comments.length === 0 && ticket.description) {
    lines.push(`[1] customer:`, stripHtml(ticket.description), '');
  }
  comments.forEach((c, i) => {
    lines.push(`[${i + 1}] ${roleLabel(c.author_role)}${c.public ? '' : ' (internal note)'}:`, stripHtml(c.body), '');
  });
  return lines.join('\n').trim();
}

/**
 * Most characters of one rendered ticket that reach the redaction patterns: what one ticket can
 * cost is bounded whatever its size (a 10 MB comment). 28 times the default budget, so the
 * budget's cut (truncateMiddle, same 60/40 split) lands far from this one and a fragment it
 * leaves at its edges never reaches Claude.
 */
export const REDACTION_CAP_CHARS = 512 * 1024;

/** The first 60% and last 40% of REDACTION_CAP_CHARS, cut at whitespace when one is near. */
function capForRedaction(text: string): { text: string; omitted: number } {
  if (text.length <= REDACTION_CAP_CHARS) return { text, omitted: 0 };
  const headChars = Math.floor(REDACTION_CAP_CHARS * 0.6);
  let head = text.slice(0, headChars);
  let tail = text.slice(text.length - (REDACTION_CAP_CHARS - headChars));
  const lastSpace = head.search(/\s\S{0,1024}$/);
  if (lastSpace > 0) head = head.slice(0, lastSpace);
  const firstSpace = tail.slice(0, 1024).search(/\s/);
  if (firstSpace >= 0) tail = tail.slice(firstSpace + 1);
  const omitted = text.length - head.length - tail.length;
  return { text: `${head}\n[... ${omitted} characters omitted ...]\n${tail}`, omitted };
}

/**
 * Cuts `text` to about `budgetTokens`, keeping the beginning (what the customer first reported)
 * and the end (how it was resolved), and saying what was cut (`alreadyOmitted` characters more
 * were cut before). Pure.
 */
export function truncateMiddle(text: string, budgetTokens: number, alreadyOmitted = 0): { text: string; truncated: boolean } {
  if (estimateTokens(text) <= budgetTokens) return { text, truncated: alreadyOmitted > 0 };
  const maxChars = budgetTokens * 3;
  const headChars = Math.floor(maxChars * 0.6);
  const tailChars = maxChars - headChars;
  const omitted = text.length - headChars - tailChars + alreadyOmitted;
  return {
    text: `${text.slice(0, headChars)}\n[... ${omitted} characters omitted ...]\n${text.slice(text.length - tailChars)}`,
    truncated: true,
  };
}

/** Neutralises anything in ticket text that could close our delimiter early. */
function escapeDelimiters(text: string): string {
  return text.replace(/<(\/?)\s*ticket/gi, '<$1_ticket');
}

/**
 * Builds what is sent for one ticket: rendered, hashed (before redaction), capped at
 * REDACTION_CAP_CHARS, redacted unless `redact` is false, cut to the budget, and wrapped in
 * <ticket> delimiters. Pure; linear in the ticket's size.
 */
export function buildInput(ticket: TicketForAnalysis, opts: { redact: boolean; budgetTokens?: number }): BuiltInput {
  const raw = renderTicket(ticket);
  const hash = createHash('sha256').update(raw).digest('hex').slice(0, 32);
  const capped = capForRedaction(raw);
  const safe = opts.redact ? redactText(capped.text, ticket.people) : capped.text;
  const cut = truncateMiddle(safe, opts.budgetTokens ?? DEFAULT_INPUT_TOKEN_BUDGET, capped.omitted);
  const text = `<ticket id="${ticket.id}">\n${escapeDelimiters(cut.text)}\n</ticket>`;
  return { hash, text, truncated: cut.truncated };
}
