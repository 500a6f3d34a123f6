import { describe, expect, it } from 'vitest';
import type { AlertPayload } from '../../src/alerts/alert-payload.js';
import { mailMessage } from '../../src/alerts/mail-message.js';
import { oneLine } from '../../src/alerts/plain-text.js';
import { slackMessage } from '../../src/alerts/slack-message.js';
import { signatureHeader, verifySignature } from '../../src/alerts/webhook-signature.js';

function payload(overrides: Partial<AlertPayload> = {}): AlertPayload {
  return {
    version: 1, id: 'theme_rising:7:2026-11-28T06:00:00.000Z', kind: 'theme_rising', created_at: '2026-11-28T12:00:00.000Z',
    summary: 'Rising: "Photo upload <crash> & freeze" (bug · android): 12 tickets in 24 h, expected 1.1',
    theme: {
      id: 7, title: 'Photo upload <crash> & freeze', category: 'bug', component: 'android', count_24h: 12, expected_24h: 1.1, previous_count_24h: null,
      count_7d: 15, customers_24h: 9, rising: true, rising_since: '2026-11-28T06:00:00.000Z', first_seen: null, daily_14d: [0, 1, 12], sparkline: '▁▁█',
      url: 'https://it.example.com/api/issues/7', tickets: [{ id: 101, subject: '<!channel> app dies on upload', url: 'https://acme.zendesk.com/agent/tickets/101' }],
    },
    job: null, dashboard_url: 'https://it.example.com/', ...overrides,
  };
}

describe('alert messages', () => {
  it('escapes Slack control characters so ticket text cannot mention a channel or forge a link', () => {
    const message = JSON.stringify(slackMessage(payload()));
    expect(message).toContain('&lt;!channel&gt; app dies on upload');
    expect(message).not.toContain('<!channel>');
    expect(message).toContain('<https://acme.zendesk.com/agent/tickets/101|#101>');
    expect(message).toContain('&amp; freeze');
  });

  it("keeps Slack's block limits: header 150 characters, section 3000", () => {
    const long = payload({ theme: { ...payload().theme!, title: 'x'.repeat(400), tickets: Array.from({ length: 5 }, (_, i) => ({ id: i, subject: 'y'.repeat(900), url: null })) } });
    const { blocks } = slackMessage(long);
    const texts = blocks.flatMap((b) => ('text' in b ? [(b.text as { type: string; text: string })] : []));
    expect(texts.find((t) => t.type === 'plain_text')!.text.length).toBeLessThanOrEqual(150);
    for (const t of texts) expect(t.text.length).toBeLessThanOrEqual(3000);
  });

  it('verifies the signature it makes and rejects a changed body, another secret or an old timestamp', () => {
    const body = JSON.stringify(payload());
    const header = signatureHeader('s3cret', body, 1_800_000_000);
    expect(header).toMatch(/^t=1800000000,v1=[0-9a-f]{64}$/);
    expect(verifySignature('s3cret', body, header, 1_800_000_010)).toBe(true);
    expect(verifySignature('s3cret', body + ' ', header, 1_800_000_010)).toBe(false);
    expect(verifySignature('other', body, header, 1_800_000_010)).toBe(false);
    expect(verifySignature('s3cret', body, header, 1_800_001_000)).toBe(false);
  });

  it('writes a mail whose headers no ticket text can extend', () => {
    const evil = payload({ summary: 'Rising: "x"\r\nBcc: victim@example.com' });
    const message = mailMessage(evil, ['ops@example.com'], 'it@example.com', Date.parse('2026-11-28T12:00:00Z'));
    const [head] = message.split('\n\n');
    expect(head!.split('\n').filter((l) => l.startsWith('Bcc:'))).toEqual([]);
    expect(head).toContain('To: ops@example.com');
    expect(head).toMatch(/^Message-ID: <[0-9a-f]{32}@issuetrack\.alerts>$/m);
    expect(message).toContain('#101 <!channel> app dies on upload');
  });

  it('flattens untrusted text to one bounded line without control characters', () => {
    expect(oneLine('a\u001b[31mred\u0007\n\tb\u202e', 100)).toBe('a [31mred b');
    expect(oneLine('z'.repeat(50), 10)).toBe(`${'z'.repeat(9)}…`);
  });
});
