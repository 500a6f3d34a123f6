import type { ZendeskModel } from './zendesk-model.js';

/*
 * Two more endpoints of the fake Zendesk (zendesk-server.ts sends them here): the incremental
 * ticket events export and users/show_many, in Zendesk's wire format.
 */

export const TICKET_EVENTS_PATH = '/api/v2/incremental/ticket_events.json';
export const SHOW_MANY_USERS_PATH = '/api/v2/users/show_many.json';

/** A status and JSON body for GET ticket_events.json?start_time=&include=comment_events&per_page=. */
export function ticketEventsAnswer(model: ZendeskModel, url: URL, base: string, nowS: number): { status: number; body: unknown } {
  const q = url.searchParams;
  const startTime = Number(q.get('start_time'));
  if (!q.has('start_time') || !Number.isInteger(startTime) || startTime < 0) {
    return { status: 400, body: { error: 'InvalidValue', description: 'start_time is required' } };
  }
  if (startTime > nowS - 60) return { status: 422, body: { error: 'InvalidValue', description: 'Too recent start_time. Use a start_time older than 1 minute' } };
  const perPage = Math.min(1000, Math.max(1, Number(q.get('per_page') ?? 1000)));
  const withComments = (q.get('include') ?? '').split(',').includes('comment_events');
  const page = model.events.page(startTime, perPage, nowS - 60);
  const events = withComments ? page.events : page.events.map(withoutCommentText);
  const include = withComments ? '&include=comment_events' : '';
  return {
    status: 200,
    body: {
      ticket_events: events,
      next_page: `${base}${TICKET_EVENTS_PATH}?start_time=${page.endTime}&per_page=${perPage}${include}`,
      count: events.length,
      end_time: page.endTime,
      end_of_stream: page.endOfStream,
    },
  };
}

/** Without the side-load a comment is only two booleans (Zendesk's documented behaviour). */
function withoutCommentText(event: object): object {
  const e = event as { child_events: Array<{ event_type: string; public?: boolean }> };
  const comment = e.child_events.find((c) => c.event_type === 'Comment');
  return {
    ...e,
    child_events: e.child_events.filter((c) => c.event_type !== 'Comment'),
    ...(comment ? { comment_present: true, comment_public: comment.public } : { comment_present: false }),
  };
}

/** GET users/show_many.json?ids=1,2: the users that exist, at most 100 ids. */
export function showManyUsersAnswer(model: ZendeskModel, url: URL): { status: number; body: unknown } {
  const ids = (url.searchParams.get('ids') ?? '').split(',').filter(Boolean).map(Number);
  if (ids.length === 0 || ids.length > 100 || ids.some((id) => !Number.isInteger(id))) {
    return { status: 400, body: { error: 'InvalidValue', description: 'ids must list 1 to 100 user ids' } };
  }
  return { status: 200, body: { users: ids.map((id) => model.users.get(id)).filter(Boolean) } };
}
