/**
 * PII redaction, applied to every piece of ticket text before it leaves the machine.
 * Pure: a function of its inputs. Each kind of match becomes a typed placeholder such as
 * [EMAIL] so the model still sees that "an email was here" (useful evidence for
 * account_access issues) without seeing whose.
 */

export interface KnownPerson {
  /** The requester's (or any participant's) name as Zendesk knows it. */
  name?: string | null;
  email?: string | null;
}

export interface RedactionCounts {
  email: number;
  phone: number;
  card: number;
  iban: number;
  ip: number;
  name: number;
}

// Order matters: IBANs and card numbers are digit runs a phone pattern would also eat, and
// emails contain dots and digits an IP pattern could match.
// Every pattern is linear in the input: ticket text is hostile (a 10 MB comment of one letter).
// The email's lookbehind starts a match only where a run of local-part characters starts;
// without it each position of a long letter or base64 run rescanned the rest of the run for an
// `@` (quadratic: 80 KB cost 5.7 s). A match found from a later start would match from the
// run's start as well, so nothing is missed.
const EMAIL = /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
const IBAN = /\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,4})?\b/g;
const CARD_CANDIDATE = /\b\d(?:[ -]?\d){12,18}\b/g;
// Not inside a longer dotted run (1.2.3.4.5 is a version, not an address).
const IPV4 = /(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?!\.?\d)/g;
// Full and compressed IPv6 forms (at least two colons and one hex group); "::" alone is not an address.
const IPV6 = /(?<![\w:])(?:[0-9A-Fa-f]{1,4}:){2,7}[0-9A-Fa-f]{1,4}(?![\w:])|(?<![\w:])(?:[0-9A-Fa-f]{1,4}:){1,7}:(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){0,6})?(?![\w:])|(?<![\w:])::(?:[0-9A-Fa-f]{1,4}:){0,6}[0-9A-Fa-f]{1,4}(?![\w:])/g;
// International or national numbers with 7+ digits, optional +, spaces, dots, dashes, parens.
const PHONE = /(?<![\w+(])(?:(?:\+|00)?\d{1,4}[ .-]?)?(?:\(\d{1,5}\)[ .-]?)?\d{2,5}(?:[ .-]?\d{2,5}){1,4}(?!\w)/g;

/** True when `digits` (only 0-9) passes the Luhn check used by payment card numbers. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** True when `iban` (spaces allowed) has a valid ISO 13616 mod-97 check. */
export function ibanValid(iban: string): boolean {
  const compact = iban.replace(/ /g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(compact)) return false;
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const value = ch >= 'A' ? String(ch.charCodeAt(0) - 55) : ch;
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The parts of known names to replace: each full name, and each part of 3+ letters (customers
 * sign with a first name). Longest first, so "Ada Lovelace" is replaced whole before "Ada" is.
 */
function nameParts(people: readonly KnownPerson[]): string[] {
  const parts = new Set<string>();
  for (const person of people) {
    const name = person.name?.trim();
    if (!name) continue;
    parts.add(name);
    for (const part of name.split(/\s+/)) if (part.replace(/\W/g, '').length >= 3) parts.add(part);
  }
  return [...parts].sort((a, b) => b.length - a.length);
}

// A letter or digit of any script: what a whole-word name must not touch. Compiled once: as
// lookarounds inside each name's own pattern, these two classes cost ~2 ms to compile per name
// (4.5 ms a ticket, most of analyze's CPU: bench/analyze.mjs).
const WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * `text` with every whole-word, case-insensitive occurrence of `part` replaced by [NAME]: what
 * `text.replace(/(?<![\p{L}\p{N}])PART(?![\p{L}\p{N}])/giu, '[NAME]')` gives (tested against
 * it), with the word edges checked here, code point by code point as the u flag reads them.
 */
function replaceName(text: string, part: string, onHit: () => void): string {
  const literal = new RegExp(escapeRegExp(part), 'giu');
  let out = '';
  let copied = 0;
  for (let match = literal.exec(text); match !== null; match = literal.exec(text)) {
    const start = match.index;
    const end = start + match[0].length;
    if (WORD_CHAR.test(codePointBefore(text, start)) || WORD_CHAR.test(codePointAt(text, end))) {
      literal.lastIndex = start + codePointAt(text, start).length; // the next start the engine would try
      continue;
    }
    out += text.slice(copied, start) + '[NAME]';
    copied = end;
    onHit();
  }
  return out + text.slice(copied);
}

function codePointAt(text: string, index: number): string {
  const code = text.codePointAt(index);
  return code === undefined ? '' : String.fromCodePoint(code);
}

function codePointBefore(text: string, index: number): string {
  if (index === 0) return '';
  const low = text.charCodeAt(index - 1);
  const high = index >= 2 ? text.charCodeAt(index - 2) : 0;
  const pair = low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff;
  return pair ? text.slice(index - 2, index) : text[index - 1]!;
}

/**
 * Replaces personal data in `text` with placeholders: [EMAIL], [PHONE], [CARD] (Luhn-valid
 * digit runs only), [IBAN] (mod-97 valid), [IP] (v4 and v6), [NAME] (known people's names) and
 * known email addresses even when written in odd case. Never throws; idempotent.
 */
export function redactText(text: string, people: readonly KnownPerson[] = [], counts?: RedactionCounts): string {
  const bump = (kind: keyof RedactionCounts) => {
    if (counts) counts[kind]++;
  };
  let out = text;
  for (const person of people) {
    const email = person.email?.trim();
    if (email) {
      out = out.replace(new RegExp(escapeRegExp(email), 'gi'), () => (bump('email'), '[EMAIL]'));
    }
  }
  out = out.replace(EMAIL, () => (bump('email'), '[EMAIL]'));
  out = out.replace(IBAN, (match) => (ibanValid(match) ? (bump('iban'), '[IBAN]') : match));
  out = out.replace(CARD_CANDIDATE, (match) => {
    const digits = match.replace(/\D/g, '');
    return digits.length >= 13 && digits.length <= 19 && luhnValid(digits) ? (bump('card'), '[CARD]') : match;
  });
  out = out.replace(IPV6, () => (bump('ip'), '[IP]'));
  out = out.replace(IPV4, () => (bump('ip'), '[IP]'));
  out = out.replace(PHONE, (match) => {
    const digits = match.replace(/\D/g, '');
    // 7..15 digits is the E.164 range; shorter runs are order numbers, versions, years.
    if (digits.length < 7 || digits.length > 15) return match;
    if (/^\d{4}[-.]\d{2}[-.]\d{2}$/.test(match)) return match; // an ISO date, not a number
    // A bare run without any separator or + is more often an id than a phone; keep those
    // unless long enough to be a full international number.
    if (/^\d+$/.test(match) && digits.length < 10) return match;
    bump('phone');
    return '[PHONE]';
  });
  for (const part of nameParts(people)) out = replaceName(out, part, () => bump('name'));
  return out;
}

/** A zeroed counter for `redactText`. */
export function emptyRedactionCounts(): RedactionCounts {
  return { email: 0, phone: 0, card: 0, iban: 0, ip: 0, name: 0 };
}
