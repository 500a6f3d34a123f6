import { describe, expect, it } from 'vitest';
import { terminalSafe } from '../../src/output/terminal-text.js';

describe('terminalSafe', () => {
  it('shows escape sequences as text instead of letting the terminal run them', () => {
    const clear = '\x1b[2J\x1b[H';
    const title = '\x1b]0;pwned\x07';
    const link = '\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\';
    expect(terminalSafe(`a${clear}b`)).toBe('a\\x1b[2J\\x1b[Hb');
    expect(terminalSafe(title)).toBe('\\x1b]0;pwned\\x07');
    expect(terminalSafe(link)).not.toMatch(/\x1b/);
    expect(terminalSafe('\x9b31m C1 CSI')).toBe('\\x9b31m C1 CSI');
  });

  it('escapes bidi overrides, isolates and invisible characters', () => {
    expect(terminalSafe('invoice\u202Efdp.exe')).toBe('invoice\\u202efdp.exe');
    expect(terminalSafe('\u2066x\u2069 \u200b \ufeff \u2028')).toBe('\\u2066x\\u2069 \\u200b \\ufeff \\u2028');
  });

  it('escapes NUL, DEL, CR, tab and newline in one-line text but keeps lines in multiline text', () => {
    expect(terminalSafe('a\0b\x7fc\rd\te\nf')).toBe('a\\x00b\\x7fc\\x0dd\\x09e\\x0af');
    expect(terminalSafe('one\n\ttwo\r\x1b', { multiline: true })).toBe('one\n\ttwo\\x0d\\x1b');
  });

  it('leaves printable text in any script unchanged', () => {
    const text = 'Zahlung fehlgeschlagen — 支払い ▲ 🚀 עברית "quoted" \\ back';
    expect(terminalSafe(text)).toBe(text);
  });
});
