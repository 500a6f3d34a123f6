import { describe, expect, it } from 'vitest';
import { jsonWithoutNul } from '../../src/text/json-without-nul.js';

describe('jsonWithoutNul', () => {
  it('turns every escaped NUL in a JSON string into U+FFFD, and nothing else', () => {
    const json = JSON.stringify({ subject: 'a\u0000b\u0000', tags: ['\u0000'], literal: '\\u0000', both: '\\\u0000' });
    expect(JSON.parse(jsonWithoutNul(json))).toEqual({ subject: 'a\ufffdb\ufffd', tags: ['\ufffd'], literal: '\\u0000', both: '\\\ufffd' });
  });

  it('returns text without an escaped NUL as it is', () => {
    const json = JSON.stringify({ subject: 'plain \\ text', n: 1 });
    expect(jsonWithoutNul(json)).toBe(json);
  });

  it('finds a NUL between long runs of escaped backslashes', () => {
    const json = JSON.stringify({ s: `${'\\'.repeat(200_000)}\u0000${'\\'.repeat(200_000)}` });
    expect(JSON.parse(jsonWithoutNul(json)).s).toBe(`${'\\'.repeat(200_000)}\ufffd${'\\'.repeat(200_000)}`);
  });
});
