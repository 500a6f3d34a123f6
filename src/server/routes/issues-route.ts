import type { FastifyPluginAsync } from 'fastify';
import type { Deps } from '../../deps.js';
import { themeDetail, zendeskTicketUrl } from '../../themes/theme-detail.js';
import { listThemes } from '../../themes/theme-queries.js';
import { errorBody } from '../http-errors.js';
import { commonErrors, errorSchema, themeDetailSchema, themeSummarySchema } from '../response-schemas.js';

interface IssuesQuery {
  rising: boolean;
  since: string;
  category?: string;
  limit: number;
}

const WINDOW_UNIT_MS = { h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

/** `since` as the CLI spells it (24h, 7d, 4w); the schema has already refused anything else. */
export function windowMs(since: string): number {
  const match = /^(\d+)([hdw])$/.exec(since)!;
  return Number(match[1]) * WINDOW_UNIT_MS[match[2] as keyof typeof WINDOW_UNIT_MS];
}

// Non-zero, and five digits at most, so that the window's start stays a valid date.
const sinceSchema = { type: 'string', pattern: '^([1-9][0-9]{0,4})[hdw]$', default: '7d', description: 'window to count, like 24h, 7d, 4w' } as const;

/** GET /api/issues and GET /api/issues/{id}: the JSON of `issues --json` and `issues show ID --json`. */
export const issuesRoute: FastifyPluginAsync<{ deps: Deps }> = async (app, { deps }) => {
  app.get<{ Querystring: IssuesQuery }>(
    '/issues',
    {
      schema: {
        summary: 'themes ranked by how many tickets report them (`issues --json`)',
        tags: ['issues'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            rising: { type: 'boolean', default: false, description: 'only themes that are rising' },
            since: sinceSchema,
            category: { type: 'string', minLength: 1, maxLength: 100 },
            limit: { type: 'integer', minimum: 1, maximum: 10_000, default: 20 },
          },
        },
        response: { 200: { type: 'array', items: themeSummarySchema }, ...commonErrors },
      },
    },
    async (request) =>
      listThemes(deps.db, {
        nowMs: deps.clock.now(),
        windowMs: windowMs(request.query.since),
        category: request.query.category,
        risingOnly: request.query.rising,
        limit: request.query.limit,
      }),
  );

  app.get<{ Params: { id: number }; Querystring: { since: string } }>(
    '/issues/:id',
    {
      schema: {
        summary: 'one theme whole: description, timeline, sample tickets (`issues show ID --json`); a merged id shows its survivor',
        tags: ['issues'],
        params: { type: 'object', properties: { id: { type: 'integer', minimum: 1 } }, required: ['id'] },
        querystring: { type: 'object', additionalProperties: false, properties: { since: sinceSchema } },
        response: { 200: themeDetailSchema, 404: errorSchema, ...commonErrors },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const detail = await themeDetail(deps.db, id, {
        nowMs: deps.clock.now(),
        windowMs: windowMs(request.query.since),
        ticketUrl: zendeskTicketUrl(deps.config.zendesk.baseUrl),
      });
      if (detail) return detail;
      return reply.code(404).send(errorBody(404, `no theme with id ${id} (see GET /api/issues)`));
    },
  );
};
