import { AGENTS, FIRST_NAMES, JOB_TITLES, LAST_NAMES, ORGANIZATIONS, fictionalPhone, type SampleOrganization } from './sample-people.js';
import { ASIDES, PROBLEMS, QUESTIONS, SPAM_SUBJECTS, type ProblemScript } from './sample-problems.js';
import { seededRandom } from './seeded-random.js';
import { ZendeskModel, type FakeComment, type FakeTicket, type FakeUser } from './zendesk-model.js';

/**
 * The demo's support inbox: about 400 tickets of Tallyo's customers over the last 35 days,
 * with conversations, personal data planted where customers really put it (signatures,
 * "call me on", a colleague's address), a few deleted spam tickets, and one problem that spikes
 * in the last 24 hours across many organisations. A pure function of seed and now.
 */

export interface SampleInbox {
  users: FakeUser[];
  tickets: Array<{ ticket: FakeTicket; comments: FakeComment[] }>;
  /** Every email address, phone number and full name written into ticket text: none may reach Claude. */
  planted: string[];
  /** The key of the problem that spikes in the last 24 hours (sample-problems.ts). */
  spikingProblem: string;
}

export const DEFAULT_SEED = 2026;
const DAY_S = 86_400;
const HISTORY_DAYS = 35;
/** Nothing newer than this: the export leaves out the last minute, and a demo must not race it. */
const NEWEST_AGE_S = 300;
const FIRST_TICKET_ID = 18_231;

/**
 * Builds the inbox for `nowMs`. Deterministic: the same seed and now give the same inbox, field
 * for field. Never throws.
 */
export function generateSampleInbox(opts: { nowMs: number; seed?: number }): SampleInbox {
  const random = seededRandom(opts.seed ?? DEFAULT_SEED);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const nowS = Math.floor(opts.nowMs / 1000);
  const newestS = nowS - NEWEST_AGE_S;
  const planted = new Set<string>();
  const users = new Map<number, FakeUser>(AGENTS.map((a) => [a.id, a]));
  const people = makeRequesters(random, pick);
  for (const p of people) users.set(p.user.id, p.user);

  // Each ticket is first drawn as (script, time, spike?), then ordered by time, so ids grow with
  // created_at as they do in Zendesk.
  const drafts: Array<{ script: ProblemScript | 'spam'; createdS: number; spike: boolean }> = [];
  const spread = (count: number) => Array.from({ length: count }, () => newestS - Math.floor(random() * (HISTORY_DAYS * DAY_S - NEWEST_AGE_S)));
  for (const script of [...PROBLEMS, QUESTIONS]) {
    for (const createdS of spread(script.tickets)) drafts.push({ script, createdS, spike: false });
    for (let i = 0; i < (script.spike ?? 0); i++) drafts.push({ script, createdS: newestS - Math.floor(random() * (DAY_S - 2 * NEWEST_AGE_S)), spike: true });
  }
  for (const createdS of spread(SPAM_SUBJECTS.length)) drafts.push({ script: 'spam', createdS, spike: false });
  drafts.sort((a, b) => a.createdS - b.createdS);

  const spikeOrgs = shuffle(ORGANIZATIONS, random).slice(0, 10).map((o) => o.id);
  const spammer: FakeUser = { id: 379_000_001, name: 'Growth Offers', email: 'offers@promo-blast.example', role: 'end-user', organization_id: null };
  users.set(spammer.id, spammer);
  let commentId = 41_000_000_001;
  const tickets = drafts.map((draft, i) => {
    const id = FIRST_TICKET_ID + i;
    const requester: Requester = draft.script === 'spam'
      ? { user: spammer, org: undefined, first: 'Growth', title: 'Sales', plan: 'plan_starter' }
      : draft.spike ? pick(people.filter((p) => p.org && spikeOrgs.includes(p.org.id))) : pick(people);
    const conversation = draft.script === 'spam'
      ? [{ author: spammer, body: 'Reply now for a limited offer, only this week!', atS: draft.createdS, public: true }]
      : converse(draft.script, draft.spike, requester, draft.createdS, newestS, { random, pick, planted });
    const comments: FakeComment[] = conversation.map((m) => comment(commentId++, m.author.id, m.body, m.atS, m.public));
    const lastS = conversation[conversation.length - 1]!.atS;
    const deleted = draft.script === 'spam';
    const agentLast = conversation[conversation.length - 1]!.author.role !== 'end-user';
    const ticket: FakeTicket = {
      id,
      url: `https://tallyo.zendesk.com/api/v2/tickets/${id}.json`,
      subject: draft.script === 'spam' ? pick(SPAM_SUBJECTS) : pick(draft.script.subjects),
      description: conversation[0]!.body,
      status: deleted ? 'deleted' : agentLast ? (nowS - lastS > 4 * DAY_S ? pick(['solved', 'closed']) : 'pending') : pick(['new', 'open']),
      priority: pick(['low', 'normal', 'normal', 'high', null]),
      type: pick(['question', 'incident', 'problem', null]),
      via: { channel: pick(['email', 'email', 'web', 'mobile']) },
      tags: [requester.plan, ...(random() < 0.3 ? ['vip'] : [])],
      requester_id: requester.user.id,
      organization_id: requester.org?.id ?? null,
      assignee_id: conversation.find((m) => m.author.role !== 'end-user')?.author.id ?? null,
      created_at: iso(draft.createdS),
      updated_at: iso(lastS),
      generated_timestamp: lastS,
    };
    return { ticket, comments: deleted ? [] : comments };
  });
  return { users: [...users.values()], tickets, planted: [...planted].sort(), spikingProblem: PROBLEMS.find((p) => p.spike)!.key };
}

/** A ZendeskModel holding the inbox, for the Zendesk stand-in to serve. */
export function sampleZendeskModel(inbox: SampleInbox, nowMs: number): ZendeskModel {
  const model = new ZendeskModel({ nowS: Math.floor(nowMs / 1000) });
  for (const user of inbox.users) model.addUser(user);
  for (const { ticket, comments } of inbox.tickets) model.importTicket(ticket, comments);
  return model;
}

interface Requester {
  user: FakeUser;
  org: SampleOrganization | undefined;
  first: string;
  title: string;
  plan: string;
}

interface Message {
  author: FakeUser;
  body: string;
  atS: number;
  public: boolean;
}

function makeRequesters(random: () => number, pick: <T>(items: readonly T[]) => T): Requester[] {
  const out: Requester[] = [];
  const taken = new Set<string>();
  let id = 372_000_001;
  for (const org of [...ORGANIZATIONS, undefined, undefined, undefined]) {
    const staff = org ? 2 + Math.floor(random() * 4) : 3;
    for (let i = 0; i < staff; i++) {
      let first: string;
      let last: string;
      do {
        first = pick(FIRST_NAMES);
        last = pick(LAST_NAMES);
      } while (taken.has(`${first} ${last}`));
      taken.add(`${first} ${last}`);
      const local = `${first}.${last}`.toLowerCase().normalize('NFKD').replace(/[^a-z.]/g, '');
      const email = org ? `${local}@${org.domain}` : `${local}${Math.floor(random() * 90) + 10}@mail.example`;
      out.push({
        user: { id: id++, name: `${first} ${last}`, email, role: 'end-user', organization_id: org?.id ?? null },
        org,
        first,
        title: pick(JOB_TITLES),
        plan: pick(['plan_starter', 'plan_growth', 'plan_growth', 'plan_business']),
      });
    }
  }
  return out;
}

/** The conversation of one ticket: the report, then replies and follow-ups while time allows. */
function converse(
  script: ProblemScript,
  spike: boolean,
  who: Requester,
  createdS: number,
  newestS: number,
  ctx: { random: () => number; pick: <T>(items: readonly T[]) => T; planted: Set<string> },
): Message[] {
  const { random, pick, planted } = ctx;
  const agent = pick(AGENTS);
  const details = shuffle(script.details, random).slice(0, Math.floor(random() * 3));
  if (spike) details.unshift(pick(['It started right after today\'s app update.', 'Since the update this morning it happens every single time.', 'Three of my colleagues see the same since today.']));
  const lines = [pick(['Hi,', 'Hello,', 'Hi there,', 'Hello Tallyo team,', 'Good morning,', '']), '', `${random() < 0.08 ? 'Urgent: ' : ''}${pick(script.reports)} ${details.join(' ')}`.trim()];
  if (script !== QUESTIONS && random() < 0.05) lines.push('', pick(ASIDES));
  if (random() < 0.3) {
    const phone = fictionalPhone(random);
    planted.add(phone);
    lines.push('', pick([`You can reach me on ${phone} if that is easier.`, `Please call me back at ${phone}.`, `My direct line is ${phone}.`]));
  }
  if (random() < 0.2 && who.org) {
    const colleague = `${pick(FIRST_NAMES)}.${pick(LAST_NAMES)}`.toLowerCase().normalize('NFKD').replace(/[^a-z.]/g, '') + `@${who.org.domain}`;
    planted.add(colleague);
    lines.push('', pick([`Please also copy our finance lead, ${colleague}.`, `cc ${colleague}, who manages our account.`]));
  }
  if (random() < 0.15) {
    planted.add(who.user.email);
    lines.push('', `My account email is ${who.user.email}.`);
  }
  const signature = random() < 0.5;
  if (signature) planted.add(who.user.name);
  lines.push('', signature ? `Best regards,\n${who.user.name}\n${who.title}${who.org ? `, ${who.org.name}` : ''}` : pick([`Thanks,\n${who.first}`, `Cheers, ${who.first}`, `${who.first}`]));
  const messages: Message[] = [{ author: who.user, body: lines.join('\n').trim(), atS: createdS, public: true }];

  // Replies come after the report; a message that would be in the future is not written yet.
  let atS = createdS;
  const next = (minH: number, maxH: number) => (atS += Math.floor((minH + random() * (maxH - minH)) * 3600));
  const add = (author: FakeUser, body: string, isPublic = true) => {
    if (next(0.2, 20) <= newestS) messages.push({ author, body, atS, public: isPublic });
  };
  const rounds = Math.floor(random() * 3);
  add(agent, `Hi ${who.first},\n\n${pick(script.replies)}\n\nBest,\n${agent.name.split(' ')[0]}\nTallyo Support`);
  if (random() < 0.2) add(agent, pick(['Seen this a few times this week; linked to the engineering ticket.', 'Customer is on an annual plan, handle with care.']), false);
  for (let r = 0; r < rounds; r++) {
    add(who.user, `${pick(script.followUps)}\n\n${who.first}`);
    add(agent, `Thanks ${who.first}, ${pick(['I have passed this on to the team.', 'we are on it and will update you shortly.', 'glad to hear that. Let me know if anything else comes up.'])}\n\n${agent.name.split(' ')[0]}`);
  }
  return messages;
}

function comment(id: number, authorId: number, body: string, atS: number, isPublic: boolean): FakeComment {
  return {
    id,
    type: 'Comment',
    author_id: authorId,
    body,
    html_body: `<div class="zd-comment"><p>${body.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/\n/g, '<br>')}</p></div>`,
    plain_body: body,
    public: isPublic,
    created_at: iso(atS),
    attachments: [],
  };
}

/** A seeded Fisher-Yates shuffle of a copy. */
function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function iso(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
