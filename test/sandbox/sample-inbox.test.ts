import { describe, expect, it } from 'vitest';
import { generateSampleInbox } from '../../src/sandbox/sample-inbox.js';

const NOW = Date.parse('2026-11-28T12:00:00Z');
const DAY = 86_400_000;

describe('the sample inbox', () => {
  it('is the same for the same seed and now, and differs for another seed', () => {
    const a = generateSampleInbox({ nowMs: NOW, seed: 7 });
    expect(generateSampleInbox({ nowMs: NOW, seed: 7 })).toEqual(a);
    expect(JSON.stringify(generateSampleInbox({ nowMs: NOW, seed: 8 }))).not.toBe(JSON.stringify(a));
  });

  it('holds about 400 tickets over the last 35 days, ids growing with time, none in the last minutes', () => {
    const { tickets } = generateSampleInbox({ nowMs: NOW });
    expect(tickets.length).toBeGreaterThanOrEqual(350);
    expect(tickets.length).toBeLessThanOrEqual(450);
    const created = tickets.map((t) => Date.parse(t.ticket.created_at));
    expect(Math.min(...created)).toBeGreaterThanOrEqual(NOW - 35 * DAY);
    expect(Math.max(...tickets.map((t) => t.ticket.generated_timestamp * 1000))).toBeLessThanOrEqual(NOW - 120_000);
    for (let i = 1; i < tickets.length; i++) expect(tickets[i]!.ticket.id).toBeGreaterThan(tickets[i - 1]!.ticket.id);
    expect(created).toEqual([...created].sort((x, y) => x - y));
  });

  it('has conversations with agents, a few deleted tickets and many organisations', () => {
    const { tickets, users } = generateSampleInbox({ nowMs: NOW });
    const role = new Map(users.map((u) => [u.id, u.role]));
    const live = tickets.filter((t) => t.ticket.status !== 'deleted');
    const deleted = tickets.length - live.length;
    expect(deleted).toBeGreaterThanOrEqual(3);
    expect(live.filter((t) => t.comments.some((c) => role.get(c.author_id) === 'agent')).length).toBeGreaterThan(live.length / 2);
    expect(live.filter((t) => t.comments.filter((c) => role.get(c.author_id) === 'end-user').length > 1).length).toBeGreaterThan(50);
    expect(new Set(live.map((t) => t.ticket.organization_id).filter(Boolean)).size).toBeGreaterThanOrEqual(25);
  });

  it('plants emails and phone numbers in the text, and spikes one problem across organisations in the last day', () => {
    const { tickets, planted } = generateSampleInbox({ nowMs: NOW });
    expect(planted.some((p) => /@\w+\.example$/.test(p))).toBe(true);
    expect(planted.some((p) => /\d{3}.*\d{3}/.test(p))).toBe(true);
    const text = tickets.flatMap((t) => t.comments.map((c) => c.body)).join('\n');
    for (const p of planted) expect(text).toContain(p);
    const lastDay = tickets.filter((t) => Date.parse(t.ticket.created_at) > NOW - DAY);
    const crashes = lastDay.filter((t) => /crash|closes|shuts down|stürzt/i.test(t.comments[0]?.body ?? ''));
    expect(crashes.length).toBeGreaterThanOrEqual(12);
    expect(new Set(crashes.map((t) => t.ticket.organization_id)).size).toBeGreaterThanOrEqual(5);
  });
});
