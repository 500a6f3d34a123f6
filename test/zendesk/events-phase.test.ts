import { describe, expect, it } from 'vitest';
import { commentEventsOf } from '../../src/zendesk/events-phase.js';
import type { ZendeskTicketEvent } from '../../src/zendesk/zendesk-types.js';

describe('commentEventsOf', () => {
  it('leaves out events without a whole positive ticket id, yet moves past their time', () => {
    const child = { id: 5, event_type: 'Comment', body: 'hi' };
    const events = [
      { id: 1, ticket_id: 7, timestamp: 10, child_events: [child, { event_type: 'CommentRedactionEvent' }] },
      { id: 2, ticket_id: null, timestamp: 30, child_events: [{ ...child, id: 6 }] },
      { id: 3, ticket_id: 1.5, timestamp: 20, child_events: [{ ...child, id: 8 }, { event_type: 'CommentRedactionEvent' }] },
    ] as unknown as ZendeskTicketEvent[];
    expect(commentEventsOf(events)).toEqual({ comments: [{ ticketId: 7, comment: child }], redacted: [7], lastTimestamp: 30 });
  });
});
