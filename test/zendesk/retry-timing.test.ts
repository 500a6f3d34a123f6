import { describe, expect, it } from 'vitest';
import { parseRateLimit, parseZendeskRateLimitHeader } from '../../src/zendesk/retry-timing.js';
import { zendeskErrorMessage } from '../../src/zendesk/error-message.js';
import { commentText, htmlToText } from '../../src/zendesk/html-text.js';

const headers = (h: Record<string, string>) => (name: string) => h[name.toLowerCase()] ?? null;

describe('Zendesk rate-limit headers', () => {
  it('reads the older rate-limit family (rate-limit, rate-limit-remaining, rate-limit-reset)', () => {
    expect(parseRateLimit(headers({ 'rate-limit': '700', 'rate-limit-remaining': '12', 'rate-limit-reset': '30' }))).toEqual({ remaining: 12, limit: 700, resetMs: 30_000 });
  });

  it('takes the tightest budget from all rate-limit header families', () => {
    expect(parseRateLimit(headers({ 'ratelimit-limit': '700', 'ratelimit-remaining': '650', 'ratelimit-reset': '12', 'x-rate-limit': '700', 'x-rate-limit-remaining': '640' }))).toEqual({
      remaining: 640,
      limit: 700,
      resetMs: 12_000,
    });
    const exportHeader = { 'zendesk-ratelimit-incremental-exports': 'total=10; remaining=2; resets=40', 'ratelimit-remaining': '600' };
    expect(parseRateLimit(headers(exportHeader), ['zendesk-ratelimit-incremental-exports'])).toEqual({ remaining: 2, limit: 10, resetMs: 40_000 });
    expect(parseRateLimit(headers({}))).toBeUndefined();
    expect(parseZendeskRateLimitHeader('resets=5;total=100;remaining=0')).toEqual({ remaining: 0, limit: 100, resetMs: 5000 });
  });
});

describe('Zendesk error messages', () => {
  it("keeps Zendesk's words from all three 429 body shapes", () => {
    expect(zendeskErrorMessage('{"error":"APIRateLimitExceeded","description":"Number of allowed incremental export API requests per minute exceeded"}')).toBe(
      'APIRateLimitExceeded: Number of allowed incremental export API requests per minute exceeded',
    );
    expect(zendeskErrorMessage('Number of allowed API requests per minute exceeded')).toBe('Number of allowed API requests per minute exceeded');
    expect(zendeskErrorMessage('{"detail":"Rate limited by Zendesk edge protection","status":"429","title":"Automated response"}')).toBe(
      'Rate limited by Zendesk edge protection',
    );
  });

  it('reads nested 403 errors and HTML pages as one line', () => {
    expect(zendeskErrorMessage('{"error":{"title":"Forbidden","message":"You do not have access"}}')).toBe('Forbidden: You do not have access');
    expect(zendeskErrorMessage('<html><body><h1>503 Service\nUnavailable</h1></body></html>')).toBe('503 Service Unavailable');
    expect(zendeskErrorMessage('')).toBe('no message');
  });
});

describe('comment text', () => {
  it('strips HTML and decodes entities', () => {
    expect(htmlToText('<div><p>Hello &amp; welcome</p><p>line&nbsp;2 &#x263A;</p></div>')).toBe('Hello & welcome\n\nline 2 ☺');
  });

  it('keeps plain text with angle brackets as it is', () => {
    expect(commentText({ body: 'if a < b and c > d' })).toBe('if a < b and c > d');
    expect(commentText({ body: '<p>hi <b>there</b></p>' })).toBe('hi there');
    expect(commentText({ html_body: '<p>only html</p>' })).toBe('only html');
  });
});
