import { seededRandom } from './seeded-random.js';
import { ZendeskEventLog } from './zendesk-event-log.js';
/**
 * The data behind the fake Zendesk: tickets, their comments and users, mutable so tests can
 * update, add and delete between syncs. Every change moves the ticket's generated_timestamp
 * past every other (a logical clock kept well over a minute in the past, so the export's
 * one-minute rule never hides a change from a test).
 */

export interface FakeTicket {
  id: number;
  url: string;
  subject: string;
  description: string;
  status: string;
  priority: string | null;
  type: string | null;
  via: { channel: string };
  tags: string[];
  requester_id: number;
  organization_id: number | null;
  assignee_id: number | null;
  created_at: string;
  updated_at: string;
  generated_timestamp: number;
}

export interface FakeComment {
  id: number;
  type: 'Comment';
  author_id: number;
  body: string;
  html_body: string;
  plain_body: string;
  public: boolean;
  created_at: string;
  attachments: unknown[];
}

export interface FakeUser {
  id: number;
  name: string;
  email: string;
  role: 'end-user' | 'agent' | 'admin';
  organization_id: number | null;
}


const STATUSES = ['new', 'open', 'pending', 'hold', 'solved', 'closed'];
const iso = (s: number) => new Date(s * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

export class ZendeskModel {
  readonly tickets = new Map<number, FakeTicket>();
  readonly comments = new Map<number, FakeComment[]>();
  readonly users = new Map<number, FakeUser>();
  /** Every audit, for the ticket events export. */
  readonly events = new ZendeskEventLog();
  /** The last generated_timestamp handed out (unix seconds). */
  lastGts: number;
  #nextTicketId = 1;
  #nextCommentId = 1_000_001;
  #order: FakeTicket[] | undefined;
  readonly #random: () => number;

  constructor(opts: { nowS?: number; seed?: number } = {}) {
    // Twenty days back: inside the first run's 30-day window, and far from the last minute.
    this.lastGts = (opts.nowS ?? Math.floor(Date.now() / 1000)) - 20 * 86_400;
    this.#random = seededRandom(opts.seed ?? 1);
    this.users.set(1, { id: 1, name: 'Api Admin', email: 'admin@example.test', role: 'admin', organization_id: null });
    for (let i = 0; i < 5; i++) this.#user('agent');
  }

  /** Adds `count` tickets with 0..`maxComments` comments each (deterministic for a seed). */
  seed(count: number, maxComments = 4): this {
    for (let i = 0; i < count; i++) {
      const t = this.addTicket();
      const n = Math.floor(this.#random() * (maxComments + 1));
      for (let c = 0; c < n; c++) this.addComment(t.id);
    }
    return this;
  }

  addTicket(overrides: Partial<FakeTicket> = {}): FakeTicket {
    const gts = this.#tick();
    const requester = this.#user('end-user');
    const id = overrides.id ?? this.#nextTicketId;
    this.#nextTicketId = Math.max(this.#nextTicketId, id + 1);
    const ticket: FakeTicket = {
      id,
      url: `https://fake.zendesk.com/api/v2/tickets/${id}.json`,
      subject: `Ticket ${id}: ${this.#pick(['Cannot log in', 'Export is slow', 'Invoice wrong', 'App crashes, "again"', 'Sync, broken\nsince Tuesday'])}`,
      description: `Customer writes about problem ${id}.`,
      status: this.#pick(STATUSES),
      priority: this.#pick(['low', 'normal', 'high', null]),
      type: this.#pick(['question', 'incident', 'problem', null]),
      via: { channel: this.#pick(['email', 'web', 'api']) },
      tags: this.#random() < 0.5 ? ['billing', `t${id % 7}`] : [],
      requester_id: requester.id,
      organization_id: this.#random() < 0.7 ? 100 + (id % 13) : null,
      assignee_id: 2 + (id % 5),
      created_at: iso(gts),
      updated_at: iso(gts),
      generated_timestamp: gts,
      ...overrides,
    };
    this.tickets.set(id, ticket);
    this.comments.set(id, []);
    this.events.add(id, ticket.generated_timestamp, ticket.requester_id, [{ kind: 'create', field: 'status', value: ticket.status, previous: null }]);
    this.#order = undefined;
    return ticket;
  }

  /** A change an agent makes: updated_at and generated_timestamp both move. */
  updateTicket(id: number, patch: Partial<FakeTicket> = {}): FakeTicket {
    const t = this.#ticket(id);
    const gts = this.#tick();
    const previous = t.status;
    Object.assign(t, { status: this.#pick(STATUSES.filter((s) => s !== t.status)) }, patch, { updated_at: iso(gts), generated_timestamp: gts });
    this.events.add(id, gts, 1, [{ kind: 'change', field: 'status', value: t.status, previous }]);
    this.#order = undefined;
    return t;
  }

  /** A system update: only generated_timestamp moves (research/zendesk.md §1). */
  touchSystem(id: number): FakeTicket {
    const t = this.#ticket(id);
    t.generated_timestamp = this.#tick();
    this.#order = undefined;
    return t;
  }

  /** Soft-deletes: the export shows status "deleted", the comments endpoint answers 404. */
  deleteTicket(id: number): FakeTicket {
    return this.updateTicket(id, { status: 'deleted' });
  }

  addComment(ticketId: number, overrides: Partial<FakeComment> = {}): FakeComment {
    const t = this.#ticket(ticketId);
    const list = this.comments.get(ticketId)!;
    const author = list.length === 0 || this.#random() < 0.4 ? t.requester_id : 2 + Math.floor(this.#random() * 5);
    const id = this.#nextCommentId++;
    const body = overrides.body ?? `Comment ${id} on ticket ${ticketId}: ${this.#pick(['it fails', 'we looked, and "it works"', 'line one\nline two', 'thanks!'])}`;
    const gts = this.#tick();
    const comment: FakeComment = {
      id,
      type: 'Comment',
      author_id: author,
      body,
      html_body: `<div class="zd-comment"><p>${body.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/\n/g, '<br>')}</p></div>`,
      plain_body: body,
      public: this.#random() < 0.8,
      created_at: iso(gts),
      attachments: [],
      ...overrides,
    };
    list.push(comment);
    if (t.status !== 'deleted') {
      Object.assign(t, { updated_at: iso(gts), generated_timestamp: gts });
      this.events.add(ticketId, gts, comment.author_id, [{ kind: 'comment', comment }]);
    }
    this.#order = undefined;
    return comment;
  }

  /**
   * Redacts text from a comment, as an agent can (PUT .../comments/{id}/redact): the stored
   * comment changes in place and the audit carries a CommentRedactionEvent, not the new text.
   */
  redactComment(ticketId: number, commentId: number, text: string): FakeComment {
    const t = this.#ticket(ticketId);
    const comment = (this.comments.get(ticketId) ?? []).find((c) => c.id === commentId);
    if (!comment) throw new Error(`fake Zendesk has no comment ${commentId} on ticket ${ticketId}`);
    const redacted = '▇'.repeat(text.length);
    comment.body = comment.body.split(text).join(redacted);
    comment.plain_body = comment.plain_body.split(text).join(redacted);
    comment.html_body = comment.html_body.split(text).join(redacted);
    const gts = this.#tick();
    Object.assign(t, { updated_at: iso(gts), generated_timestamp: gts });
    this.events.add(ticketId, gts, 1, [{ kind: 'redaction', commentId }]);
    this.#order = undefined;
    return comment;
  }

  /** Adds a person as given (the demo's sample inbox brings its own requesters and agents). */
  addUser(user: FakeUser): FakeUser {
    this.users.set(user.id, user);
    return user;
  }

  /**
   * Stores a ticket and its conversation exactly as given, times included: the demo replays a
   * month of history, which the one-tick-per-change clock of `addTicket` cannot express. The
   * logical clock moves past the ticket's generated_timestamp so later changes still come after.
   */
  importTicket(ticket: FakeTicket, comments: FakeComment[]): FakeTicket {
    this.tickets.set(ticket.id, ticket);
    this.comments.set(ticket.id, comments);
    const at = (text: string) => Math.floor(Date.parse(text) / 1000);
    this.events.add(ticket.id, at(ticket.created_at), ticket.requester_id, [{ kind: 'create', field: 'status', value: ticket.status, previous: null }]);
    for (const c of comments) this.events.add(ticket.id, at(c.created_at), c.author_id, [{ kind: 'comment', comment: c }]);
    this.lastGts = Math.max(this.lastGts, ticket.generated_timestamp);
    this.#nextTicketId = Math.max(this.#nextTicketId, ticket.id + 1);
    for (const c of comments) this.#nextCommentId = Math.max(this.#nextCommentId, c.id + 1);
    this.#order = undefined;
    return ticket;
  }

  /** Tickets in export order: by generated_timestamp, then id. Cached until the next change. */
  exportOrder(): FakeTicket[] {
    this.#order ??= [...this.tickets.values()].sort((a, b) => a.generated_timestamp - b.generated_timestamp || a.id - b.id);
    return this.#order;
  }

  ticketIds(): number[] {
    return [...this.tickets.keys()];
  }

  #tick(): number {
    return ++this.lastGts;
  }

  #ticket(id: number): FakeTicket {
    const t = this.tickets.get(id);
    if (!t) throw new Error(`fake Zendesk has no ticket ${id}`);
    return t;
  }

  #user(role: FakeUser['role']): FakeUser {
    const id = this.users.size + 1;
    const user: FakeUser = { id, name: `User ${id}`, email: `user${id}@example.test`, role, organization_id: null };
    this.users.set(id, user);
    return user;
  }

  #pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.#random() * items.length)]!;
  }
}
