import type { FakeComment } from './zendesk-model.js';

/**
 * The fake Zendesk's ticket events: one audit per change a person or the API makes (system
 * updates make none, as in Zendesk), in the wire format of the incremental ticket events export
 * with the comment_events side-load (developer.zendesk.com incremental_exports, "Incremental
 * Ticket Event Export": comments as child_events with event_type "Comment").
 */

type Child =
  | { kind: 'comment'; comment: FakeComment }
  | { kind: 'create' | 'change'; field: string; value: string; previous: string | null }
  | { kind: 'redaction'; commentId: number };

interface LoggedEvent {
  id: number;
  ticketId: number;
  timestamp: number;
  authorId: number;
  children: Child[];
}

const iso = (s: number) => new Date(s * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

export class ZendeskEventLog {
  readonly #events: LoggedEvent[] = [];
  #sorted = true;
  #nextId = 5_000_000_001;

  /** Records one audit of `ticketId` at `timestamp` (unix seconds). */
  add(ticketId: number, timestamp: number, authorId: number, children: Child[]): void {
    const last = this.#events[this.#events.length - 1];
    if (last && last.timestamp > timestamp) this.#sorted = false;
    this.#events.push({ id: this.#nextId++, ticketId, timestamp, authorId, children });
  }

  get size(): number {
    return this.#events.length;
  }

  /**
   * The page from `startTime` (inclusive): up to `perPage` events in time order, stretched to
   * every event of the last timestamp so a timestamp is never split; only events up to `cutoff`
   * (the last minute is left out). end_time is the last event's timestamp, so the next page
   * begins with it again (pages overlap, as Zendesk's time-based exports do), or one past it
   * when the whole page is that one timestamp (else the export could not move on).
   */
  page(startTime: number, perPage: number, cutoff: number): { events: object[]; endTime: number; endOfStream: boolean } {
    if (!this.#sorted) {
      this.#events.sort((a, b) => a.timestamp - b.timestamp || a.id - b.id);
      this.#sorted = true;
    }
    let from = lowerBound(this.#events, startTime);
    const out: LoggedEvent[] = [];
    while (from < this.#events.length && this.#events[from]!.timestamp <= cutoff) {
      const e = this.#events[from]!;
      if (out.length >= perPage && e.timestamp !== out[out.length - 1]!.timestamp) break;
      out.push(e);
      from++;
    }
    const endOfStream = from >= this.#events.length || this.#events[from]!.timestamp > cutoff;
    const lastTs = out.length ? out[out.length - 1]!.timestamp : startTime;
    const endTime = !endOfStream && lastTs === startTime ? lastTs + 1 : lastTs;
    return { events: out.map(wire), endTime, endOfStream };
  }
}

function lowerBound(events: readonly LoggedEvent[], t: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (events[mid]!.timestamp < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function wire(e: LoggedEvent): object {
  const via = { channel: 'web', source: { from: {}, to: {}, rel: null } };
  let childId = e.id * 10;
  return {
    id: e.id,
    ticket_id: e.ticketId,
    timestamp: e.timestamp,
    created_at: iso(e.timestamp),
    updater_id: e.authorId,
    via,
    system: {},
    event_type: 'Audit',
    child_events: e.children.map((c) => {
      const id = ++childId;
      switch (c.kind) {
        case 'comment': {
          const m = c.comment;
          return {
            id: m.id,
            via,
            via_reference_id: null,
            type: 'Comment',
            author_id: m.author_id,
            body: m.body,
            html_body: m.html_body,
            public: m.public,
            attachments: m.attachments,
            audit_id: e.id,
            created_at: m.created_at,
            event_type: 'Comment',
          };
        }
        case 'redaction':
          return { id, via, comment_id: c.commentId, event_type: 'CommentRedactionEvent' };
        default:
          return { id, via, field_name: c.field, value: c.value, previous_value: c.previous, event_type: c.kind === 'create' ? 'Create' : 'Change' };
      }
    }),
  };
}
