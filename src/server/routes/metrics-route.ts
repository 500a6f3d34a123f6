import type { FastifyPluginAsync } from 'fastify';
import type { Deps } from '../../deps.js';
import { DURATION_BOUNDS_MS, metricFamilies } from '../../metrics/metric-families.js';
import { EXPOSITION_CONTENT_TYPE, renderExposition } from '../../metrics/prometheus-text.js';
import { readClaudeSpend, readDurationBuckets, readLastSuccess, readLeaseRow, readRisingThemes, readRunCountsByTask } from '../../store/metrics-queries.js';
import { isPidAlive } from '../../worker/pid.js';
import { abandonedReason } from '../../worker/worker-truth.js';
import { commonErrors } from '../response-schemas.js';

/**
 * GET /metrics: the run metrics in the Prometheus text format 0.0.4, for a scraper. Read-only;
 * Kysely only, so it answers on either dialect.
 * Behind the same bearer token as the /api routes (Prometheus sends one with `authorization`
 * in its scrape config).
 */
export const metricsRoute: FastifyPluginAsync<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/metrics',
    {
      schema: {
        summary: 'run metrics in the Prometheus text format (runs, durations, tickets, issues, Claude cost, worker, themes)',
        tags: ['server'],
        response: {
          200: { description: 'Prometheus text exposition format 0.0.4', content: { 'text/plain': { schema: { type: 'string' } } } },
          ...commonErrors,
        },
      },
    },
    async (_request, reply) => {
      const [runs, durations, lastSuccess, claude, risingThemes, lease] = await Promise.all([
        readRunCountsByTask(deps.db),
        readDurationBuckets(deps.db, DURATION_BOUNDS_MS),
        readLastSuccess(deps.db),
        readClaudeSpend(deps.db),
        readRisingThemes(deps.db),
        readLeaseRow(deps.db),
      ]);
      // Busy as the next run would judge it: a row saying "running" whose process is gone is not.
      const workerBusy = lease.status === 'running' && abandonedReason(lease, { host: deps.host, nowMs: deps.clock.now(), isPidAlive }) === null;
      const text = renderExposition(
        metricFamilies({ runs, durations, lastSuccess, claudeCostUsd: claude.cost_usd, workerBusy, risingThemes }),
      );
      return reply.type(EXPOSITION_CONTENT_TYPE).send(text);
    },
  );
};
