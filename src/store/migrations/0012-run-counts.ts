import type { Migration } from '../migration.js';

/*
 * What a run did, in columns `status` and /metrics can sum (issue 9: tickets processed and issues
 * extracted per day). releaseLease writes them from the run's result (worker/run-counts.ts says
 * which result fields count), and runs_daily (migration 0011) gains their per-day sums, kept by
 * the same triggers, so the 30-day table stays a read of at most 30 rows per task.
 *
 *   tickets_synced     sync's tickets_upserted (created or changed in Zendesk)
 *   tickets_processed  analyze's tickets_analyzed + tickets_failed (an answer saved, or given up on)
 *   issues_extracted   analyze's issues_extracted
 * A pipeline run counts its sync and analyze steps' results; NULL where the run has no such step.
 *
 * Portability (PostgreSQL, issue 16): the ALTERs are plain SQL. Two parts are SQLite's own, as in
 * 0011: the triggers (PostgreSQL needs a trigger function; the same arithmetic fits one) and the
 * backfill's json_extract (PostgreSQL: (result::jsonb #>> '{sync,tickets_upserted}')::integer).
 */

/** A count from the run's result: at the top level, or in the pipeline's step of that name. */
const fromResult = (field: string, step: 'sync' | 'analyze') =>
  `coalesce(json_extract(result, '$.${field}'), json_extract(result, '$.${step}.${field}'))`;

const COUNTS = ['tickets_synced', 'tickets_processed', 'issues_extracted'] as const;

/** 0011's upsert of a run row's contribution to its day, with the three counts added. */
const runsDailyAdd = (row: 'NEW' | 'OLD', sign: 1 | -1) => `
    INSERT INTO runs_daily (day, task, runs, finished, completed, failed, cancelled, duration_ms_sum, durations, ${COUNTS.join(', ')})
    VALUES (substr(${row}.started_at, 1, 10), ${row}.task, ${sign}, ${sign} * (${row}.status <> 'running'),
      ${sign} * (${row}.status = 'completed'), ${sign} * (${row}.status = 'failed'), ${sign} * (${row}.status = 'cancelled'),
      ${sign} * (CASE WHEN ${row}.status <> 'running' THEN coalesce(${row}.duration_ms, 0) ELSE 0 END),
      ${sign} * (${row}.status <> 'running' AND ${row}.duration_ms IS NOT NULL),
      ${COUNTS.map((c) => `${sign} * coalesce(${row}.${c}, 0)`).join(', ')})
    ON CONFLICT (day, task) DO UPDATE SET runs = runs + excluded.runs, finished = finished + excluded.finished,
      completed = completed + excluded.completed, failed = failed + excluded.failed, cancelled = cancelled + excluded.cancelled,
      duration_ms_sum = duration_ms_sum + excluded.duration_ms_sum, durations = durations + excluded.durations,
      ${COUNTS.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')};`;

export const migration0012: Migration = {
  version: 12,
  name: 'run-counts',
  sql: `
    ALTER TABLE runs ADD COLUMN tickets_synced INTEGER;
    ALTER TABLE runs ADD COLUMN tickets_processed INTEGER;
    ALTER TABLE runs ADD COLUMN issues_extracted INTEGER;
    UPDATE runs SET
      tickets_synced = ${fromResult('tickets_upserted', 'sync')},
      tickets_processed = ${fromResult('tickets_analyzed', 'analyze')} + ${fromResult('tickets_failed', 'analyze')},
      issues_extracted = ${fromResult('issues_extracted', 'analyze')}
    WHERE json_valid(result);

    ALTER TABLE runs_daily ADD COLUMN tickets_synced INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE runs_daily ADD COLUMN tickets_processed INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE runs_daily ADD COLUMN issues_extracted INTEGER NOT NULL DEFAULT 0;
    UPDATE runs_daily SET ${COUNTS.map(
      (c) => `${c} = (SELECT coalesce(sum(r.${c}), 0) FROM runs r WHERE substr(r.started_at, 1, 10) = runs_daily.day AND r.task = runs_daily.task)`,
    ).join(',\n      ')};

    DROP TRIGGER runs_daily_insert;
    DROP TRIGGER runs_daily_update;
    DROP TRIGGER runs_daily_delete;
    CREATE TRIGGER runs_daily_insert AFTER INSERT ON runs BEGIN ${runsDailyAdd('NEW', 1)}
    END;
    CREATE TRIGGER runs_daily_update AFTER UPDATE OF task, status, started_at, duration_ms, ${COUNTS.join(', ')} ON runs BEGIN ${runsDailyAdd('OLD', -1)} ${runsDailyAdd('NEW', 1)}
    END;
    CREATE TRIGGER runs_daily_delete AFTER DELETE ON runs BEGIN ${runsDailyAdd('OLD', -1)}
    END;
  `,
  postgres: postgresText(),
};

/**
 * The same on PostgreSQL: jsonb paths for json_extract (every result is our own JSON.stringify
 * of an object, hence the cheap LIKE for json_valid, which PostgreSQL lacks before 16), and
 * 0011's trigger function replaced by one that also carries the three counts.
 */
function postgresText(): string {
  const pgFromResult = (field: string, step: 'sync' | 'analyze') =>
    `coalesce((result::jsonb #>> '{${field}}')::bigint, (result::jsonb #>> '{${step},${field}}')::bigint)`;
  const pgRunsDaily = (row: 'NEW' | 'OLD', sign: 1 | -1) => `
      INSERT INTO runs_daily (day, task, runs, finished, completed, failed, cancelled, duration_ms_sum, durations, ${COUNTS.join(', ')})
      VALUES (substr(${row}.started_at, 1, 10), ${row}.task, ${sign}, ${sign} * (${row}.status <> 'running')::int,
        ${sign} * (${row}.status = 'completed')::int, ${sign} * (${row}.status = 'failed')::int, ${sign} * (${row}.status = 'cancelled')::int,
        ${sign} * (CASE WHEN ${row}.status <> 'running' THEN coalesce(${row}.duration_ms, 0) ELSE 0 END),
        ${sign} * (${row}.status <> 'running' AND ${row}.duration_ms IS NOT NULL)::int,
        ${COUNTS.map((c) => `${sign} * coalesce(${row}.${c}, 0)`).join(', ')})
      ON CONFLICT (day, task) DO UPDATE SET runs = runs_daily.runs + excluded.runs, finished = runs_daily.finished + excluded.finished,
        completed = runs_daily.completed + excluded.completed, failed = runs_daily.failed + excluded.failed,
        cancelled = runs_daily.cancelled + excluded.cancelled, duration_ms_sum = runs_daily.duration_ms_sum + excluded.duration_ms_sum,
        durations = runs_daily.durations + excluded.durations,
        ${COUNTS.map((c) => `${c} = runs_daily.${c} + excluded.${c}`).join(', ')};`;
  return `
    ALTER TABLE runs ADD COLUMN tickets_synced BIGINT;
    ALTER TABLE runs ADD COLUMN tickets_processed BIGINT;
    ALTER TABLE runs ADD COLUMN issues_extracted BIGINT;
    UPDATE runs SET
      tickets_synced = ${pgFromResult('tickets_upserted', 'sync')},
      tickets_processed = ${pgFromResult('tickets_analyzed', 'analyze')} + ${pgFromResult('tickets_failed', 'analyze')},
      issues_extracted = ${pgFromResult('issues_extracted', 'analyze')}
    WHERE result LIKE '{%}';

    ALTER TABLE runs_daily ADD COLUMN tickets_synced BIGINT NOT NULL DEFAULT 0;
    ALTER TABLE runs_daily ADD COLUMN tickets_processed BIGINT NOT NULL DEFAULT 0;
    ALTER TABLE runs_daily ADD COLUMN issues_extracted BIGINT NOT NULL DEFAULT 0;
    UPDATE runs_daily SET ${COUNTS.map(
      (c) => `${c} = (SELECT coalesce(sum(r.${c}), 0) FROM runs r WHERE substr(r.started_at, 1, 10) = runs_daily.day AND r.task = runs_daily.task)`,
    ).join(',\n      ')};

    CREATE OR REPLACE FUNCTION runs_daily_apply() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP <> 'INSERT' THEN ${pgRunsDaily('OLD', -1)} END IF;
      IF TG_OP <> 'DELETE' THEN ${pgRunsDaily('NEW', 1)} END IF;
      RETURN NULL;
    END $$;
    DROP TRIGGER runs_daily_update ON runs;
    CREATE TRIGGER runs_daily_update AFTER UPDATE OF task, status, started_at, duration_ms, ${COUNTS.join(', ')} ON runs
      FOR EACH ROW EXECUTE FUNCTION runs_daily_apply();
  `;
}
