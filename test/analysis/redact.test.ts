import { describe, expect, it } from 'vitest';
import { emptyRedactionCounts, ibanValid, luhnValid, redactText } from '../../src/analysis/redact.js';

describe('redactText', () => {
  it('replaces email addresses', () => {
    expect(redactText('write to ana.b+x@mail.example.co.uk today')).toBe('write to [EMAIL] today');
  });
  it('replaces international and national phone numbers', () => {
    expect(redactText('call +44 20 7946 0958 or (415) 555-0132 or 030-1234567')).toBe('call [PHONE] or [PHONE] or [PHONE]');
  });
  it('keeps order numbers, versions, dates and times', () => {
    const text = 'order 12345678, v1.2.3, on 2026-11-28 at 10:30, ticket #4521';
    expect(redactText(text)).toBe(text);
  });
  it('replaces Luhn-valid card numbers and keeps other long digit runs', () => {
    expect(redactText('card 4111 1111 1111 1111 and 5500-0000-0000-0004')).toBe('card [CARD] and [CARD]');
    expect(redactText('ref 4111111111111112')).toBe('ref 4111111111111112');
  });
  it('replaces valid IBANs only', () => {
    expect(redactText('IBAN GB82 WEST 1234 5698 7654 32 or DE89370400440532013000')).toBe('IBAN [IBAN] or [IBAN]');
    expect(redactText('code GB00 WEST 1234 5698 7654 32')).not.toContain('[IBAN]');
  });
  it('replaces IPv4 and IPv6 addresses', () => {
    expect(redactText('from 203.0.113.7 and 2001:db8::1 and fe80::1ff:fe23:4567:890a')).toBe('from [IP] and [IP] and [IP]');
    expect(redactText('version 1.2.3.4.5 at 999.1.1.1')).not.toContain('[IP]');
  });
  it("replaces the requester's known name, its parts, and email in any case", () => {
    const people = [{ name: 'Ada Lovelace', email: 'Ada@Example.ORG' }];
    expect(redactText('Hi, Ada here. Ada Lovelace, ADA@EXAMPLE.org. Adamant users.', people)).toBe('Hi, [NAME] here. [NAME], [EMAIL]. Adamant users.');
  });
  it('replaces names exactly as one whole-word, case-insensitive unicode pattern per part would', () => {
    // The oracle is the pattern redaction used before its word edges were checked by hand.
    const oracle = (text: string, part: string) =>
      text.replace(new RegExp(`(?<![\\p{L}\\p{N}])${part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'giu'), '[NAME]');
    const parts = ['Ada', 'Ab.Ab', 'anan', 'Zoë', 'José María', 'Ōtani', '李雷', 'O.Brien', 'K2x', '𝒜da'];
    const pieces = ['Ada', 'ADA', 'ada', 'Ab.', 'aB.', 'Ab', 'anan', 'ANANAN', 'Zoë', 'ZOË', 'José María', 'josé maría', 'Ōtani', 'ōTANI', '李雷', 'O.Brien', 'K2x', 'K2X',
      '𝒜da', '𝒜', '\u{1D49C}', '\uD835', 'x', '7', 'é', ' ', '.', '-', '_', ',', '\n', '😀', 'ſ', 'K'];
    // A match refused for its edge, overlapping one that is not: the scan goes on inside it.
    expect(redactText('xAb.Ab.Ab', [{ name: 'Ab.Ab' }])).toBe(oracle('xAb.Ab.Ab', 'Ab.Ab'));
    expect(oracle('xAb.Ab.Ab', 'Ab.Ab')).toBe('xAb.[NAME]');
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
    for (let round = 0; round < 3000; round++) {
      const text = Array.from({ length: 1 + random(12) }, () => pieces[random(pieces.length)]).join('');
      const part = parts[round % parts.length]!;
      expect(redactText(text, [{ name: part }]), JSON.stringify([text, part])).toBe(
        // redactText also replaces the parts of 3+ letters of a name, longest first.
        [...new Set([part, ...part.split(/\s+/).filter((p) => p.replace(/\W/g, '').length >= 3)])]
          .sort((a, b) => b.length - a.length)
          .reduce((out, p) => oracle(out, p), redactText(text, [])),
      );
    }
  });

  it('counts what it replaced and is idempotent', () => {
    const counts = emptyRedactionCounts();
    const once = redactText('a@b.io 10.0.0.1 +1 415 555 0132', [], counts);
    expect(counts).toMatchObject({ email: 1, ip: 1, phone: 1 });
    expect(redactText(once)).toBe(once);
  });
});

describe('luhnValid and ibanValid', () => {
  it('accepts known-good numbers and rejects a changed digit', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111121')).toBe(false);
    expect(ibanValid('GB82 WEST 1234 5698 7654 32')).toBe(true);
    expect(ibanValid('GB83 WEST 1234 5698 7654 32')).toBe(false);
  });
});
