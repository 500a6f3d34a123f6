import { describe, expect, it } from 'vitest';
import { seedTickets } from '../helpers/seed-tickets.js';
import { analysisSetup, runAnalyze, sentBodies } from './analysis-fixture.js';

// Each planted value must never appear in anything sent to Claude.
const PLANTED = {
  email: 'wilhelmina.okonkwo@corp-mail.example',
  otherEmail: 'billing-team@customer.example.org',
  phone: '+44 20 7946 0958',
  usPhone: '(415) 555-0132',
  card: '4111 1111 1111 1111',
  cardDashed: '5500-0000-0000-0004',
  iban: 'GB82 WEST 1234 5698 7654 32',
  ipv4: '203.0.113.77',
  ipv6: '2001:db8:85a3::8a2e:370:7334',
  name: 'Wilhelmina Okonkwo',
  requesterEmail: 'w.okonkwo@private.example',
};

function variants(value: string): string[] {
  const compact = value.replace(/[\s-]/g, '');
  return [value, compact, JSON.stringify(value).slice(1, -1)];
}

describe('PII redaction on the wire', () => {
  const seed = () => [
    {
      id: 1,
      subject: `Export crashes for ${PLANTED.name}`,
      requester: { id: 500, name: PLANTED.name, email: PLANTED.requesterEmail },
      comments: [
        {
          body: `Hi, I'm Wilhelmina. The CSV export crashes. Reach me at ${PLANTED.email} or ${PLANTED.phone}, or ${PLANTED.usPhone}. Sent from ${PLANTED.ipv4} / ${PLANTED.ipv6}. Regards, ${PLANTED.name} (${PLANTED.requesterEmail.toUpperCase()})`,
          role: 'end-user' as const,
        },
        { body: `Hello Wilhelmina, could you confirm the card ${PLANTED.card}? Refund goes to ${PLANTED.iban}.`, role: 'agent' as const, authorId: null },
        { body: `<p>Card was <b>${PLANTED.cardDashed}</b>, cc ${PLANTED.otherEmail}</p>`, role: 'end-user' as const },
      ],
    },
  ];

  it('never sends a planted email, phone, card, IBAN, IP or the requester name and email', async () => {
    const { fake, deps } = await analysisSetup();
    seedTickets(deps.store, seed());
    const outcome = await runAnalyze(deps);
    expect(outcome.record.result!.tickets_analyzed).toBe(1);
    const bodies = sentBodies(fake).join('\n');
    expect(bodies).toContain('[EMAIL]');
    for (const value of Object.values(PLANTED)) for (const v of variants(value)) expect(bodies).not.toContain(v);
    expect(bodies).not.toMatch(/Wilhelmina|Okonkwo/i);
  });

  it('never sends planted PII in a Message Batch either', async () => {
    const { fake, deps } = await analysisSetup();
    seedTickets(deps.store, seed());
    await runAnalyze(deps, { batch: true });
    const bodies = sentBodies(fake).join('\n');
    expect(bodies).toContain('[CARD]');
    for (const value of Object.values(PLANTED)) for (const v of variants(value)) expect(bodies).not.toContain(v);
  });

  it('sends the text as written with --no-redact', async () => {
    const { fake, deps } = await analysisSetup();
    seedTickets(deps.store, seed());
    await runAnalyze(deps, { redact: false });
    expect(sentBodies(fake).join('\n')).toContain(PLANTED.email);
  });
});
