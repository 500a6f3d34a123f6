import type { Migration } from '../migration.js';

/*
 * `status` in constant time (issue 14). Counting rows grows with the data (56 ms against bare
 * node's 27 ms at 100k tickets), so the totals live in one row kept up to date by triggers, in
 * the transaction of the write that changes them: a crash or a kill cannot leave them out of
 * step, and every writer (sync, analyze, trends, tests, a hand-run sqlite3) is covered alike.
 *
 * What each counter means (the old readTotals queries, kept exact):
 *   tickets           tickets with deleted = 0
 *   tickets_analyzed  analyses with status 'analyzed' whose ticket exists with deleted = 0
 *   issues            every issues row
 *   clusters          clusters with merged_into IS NULL
 *
 * The one ordering trap: ON DELETE CASCADE deletes a ticket's analysis after the ticket row is
 * gone, so the analysis trigger then sees no live ticket and subtracts nothing; the ticket's
 * BEFORE DELETE trigger, which still sees both rows, subtracts the pair instead.
 *
 * runs_daily is a per-UTC-day, per-task rollup of `runs` (by started_at day), kept the same way:
 * each trigger takes the old row's contribution out and puts the new one in, so a run that
 * moves from running to completed, or is rewritten, or deleted, stays counted once. It serves
 * the 7- and 30-day run metrics of `status` (a handful of rows whatever the history's length).
 */
const analyzedLive = (ticket: string) =>
  `EXISTS (SELECT 1 FROM ticket_analyses WHERE ticket_id = ${ticket} AND status = 'analyzed')`;
const ticketLive = (ticket: string) => `EXISTS (SELECT 1 FROM tickets WHERE id = ${ticket} AND deleted = 0)`;

/** The upsert adding `sign` times a run row's contribution to its day. */
const runsDailyAdd = (row: 'NEW' | 'OLD', sign: 1 | -1) => `
    INSERT INTO runs_daily (day, task, runs, finished, completed, failed, cancelled, duration_ms_sum, durations)
    VALUES (substr(${row}.started_at, 1, 10), ${row}.task, ${sign}, ${sign} * (${row}.status <> 'running'),
      ${sign} * (${row}.status = 'completed'), ${sign} * (${row}.status = 'failed'), ${sign} * (${row}.status = 'cancelled'),
      ${sign} * (CASE WHEN ${row}.status <> 'running' THEN coalesce(${row}.duration_ms, 0) ELSE 0 END),
      ${sign} * (${row}.status <> 'running' AND ${row}.duration_ms IS NOT NULL))
    ON CONFLICT (day, task) DO UPDATE SET runs = runs + excluded.runs, finished = finished + excluded.finished,
      completed = completed + excluded.completed, failed = failed + excluded.failed, cancelled = cancelled + excluded.cancelled,
      duration_ms_sum = duration_ms_sum + excluded.duration_ms_sum, durations = durations + excluded.durations;`;

export const migration0011: Migration = {
  version: 11,
  name: 'status-counters',
  sql: `
    CREATE TABLE status_counters (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      tickets INTEGER NOT NULL,
      tickets_analyzed INTEGER NOT NULL,
      issues INTEGER NOT NULL,
      clusters INTEGER NOT NULL
    );
    INSERT INTO status_counters VALUES (1,
      (SELECT count(*) FROM tickets WHERE deleted = 0),
      (SELECT count(*) FROM ticket_analyses a JOIN tickets t ON t.id = a.ticket_id WHERE a.status = 'analyzed' AND t.deleted = 0),
      (SELECT count(*) FROM issues),
      (SELECT count(*) FROM clusters WHERE merged_into IS NULL));

    CREATE TRIGGER status_counters_ticket_insert AFTER INSERT ON tickets WHEN NEW.deleted = 0 BEGIN
      UPDATE status_counters SET tickets = tickets + 1, tickets_analyzed = tickets_analyzed + ${analyzedLive('NEW.id')};
    END;
    CREATE TRIGGER status_counters_ticket_update AFTER UPDATE OF id, deleted ON tickets
      WHEN OLD.id IS NOT NEW.id OR (OLD.deleted = 0) IS NOT (NEW.deleted = 0) BEGIN
      UPDATE status_counters SET tickets = tickets + (NEW.deleted = 0) - (OLD.deleted = 0),
        tickets_analyzed = tickets_analyzed + (NEW.deleted = 0) * ${analyzedLive('NEW.id')} - (OLD.deleted = 0) * ${analyzedLive('OLD.id')};
    END;
    CREATE TRIGGER status_counters_ticket_delete BEFORE DELETE ON tickets WHEN OLD.deleted = 0 BEGIN
      UPDATE status_counters SET tickets = tickets - 1, tickets_analyzed = tickets_analyzed - ${analyzedLive('OLD.id')};
    END;

    CREATE TRIGGER status_counters_analysis_insert AFTER INSERT ON ticket_analyses WHEN NEW.status = 'analyzed' BEGIN
      UPDATE status_counters SET tickets_analyzed = tickets_analyzed + ${ticketLive('NEW.ticket_id')};
    END;
    CREATE TRIGGER status_counters_analysis_update AFTER UPDATE OF ticket_id, status ON ticket_analyses
      WHEN OLD.ticket_id IS NOT NEW.ticket_id OR (OLD.status = 'analyzed') IS NOT (NEW.status = 'analyzed') BEGIN
      UPDATE status_counters SET tickets_analyzed = tickets_analyzed
        + (NEW.status = 'analyzed') * ${ticketLive('NEW.ticket_id')} - (OLD.status = 'analyzed') * ${ticketLive('OLD.ticket_id')};
    END;
    CREATE TRIGGER status_counters_analysis_delete AFTER DELETE ON ticket_analyses WHEN OLD.status = 'analyzed' BEGIN
      UPDATE status_counters SET tickets_analyzed = tickets_analyzed - ${ticketLive('OLD.ticket_id')};
    END;

    CREATE TRIGGER status_counters_issue_insert AFTER INSERT ON issues BEGIN
      UPDATE status_counters SET issues = issues + 1;
    END;
    CREATE TRIGGER status_counters_issue_delete AFTER DELETE ON issues BEGIN
      UPDATE status_counters SET issues = issues - 1;
    END;

    CREATE TRIGGER status_counters_cluster_insert AFTER INSERT ON clusters WHEN NEW.merged_into IS NULL BEGIN
      UPDATE status_counters SET clusters = clusters + 1;
    END;
    CREATE TRIGGER status_counters_cluster_update AFTER UPDATE OF merged_into ON clusters
      WHEN (OLD.merged_into IS NULL) IS NOT (NEW.merged_into IS NULL) BEGIN
      UPDATE status_counters SET clusters = clusters + (NEW.merged_into IS NULL) - (OLD.merged_into IS NULL);
    END;
    CREATE TRIGGER status_counters_cluster_delete AFTER DELETE ON clusters WHEN OLD.merged_into IS NULL BEGIN
      UPDATE status_counters SET clusters = clusters - 1;
    END;

    CREATE TABLE runs_daily (
      day TEXT NOT NULL, -- UTC date of started_at, YYYY-MM-DD
      task TEXT NOT NULL,
      runs INTEGER NOT NULL, -- every run started that day, running ones included
      finished INTEGER NOT NULL, -- status other than 'running'
      completed INTEGER NOT NULL,
      failed INTEGER NOT NULL,
      cancelled INTEGER NOT NULL,
      duration_ms_sum INTEGER NOT NULL, -- over finished runs with a duration
      durations INTEGER NOT NULL, -- how many finished runs have a duration
      PRIMARY KEY (day, task)
    ) WITHOUT ROWID;
    INSERT INTO runs_daily
      SELECT substr(started_at, 1, 10), task, count(*), sum(status <> 'running'), sum(status = 'completed'),
        sum(status = 'failed'), sum(status = 'cancelled'),
        coalesce(sum(CASE WHEN status <> 'running' THEN duration_ms END), 0),
        sum(status <> 'running' AND duration_ms IS NOT NULL)
      FROM runs GROUP BY substr(started_at, 1, 10), task;
    CREATE TRIGGER runs_daily_insert AFTER INSERT ON runs BEGIN ${runsDailyAdd('NEW', 1)}
    END;
    CREATE TRIGGER runs_daily_update AFTER UPDATE OF task, status, started_at, duration_ms ON runs BEGIN ${runsDailyAdd('OLD', -1)} ${runsDailyAdd('NEW', 1)}
    END;
    CREATE TRIGGER runs_daily_delete AFTER DELETE ON runs BEGIN ${runsDailyAdd('OLD', -1)}
    END;
  `,
  postgres: postgresText(),
};

/**
 * The same counters on PostgreSQL: the same tables and the same WHEN conditions, each trigger's
 * body a plpgsql function that takes the old row's contribution out and puts the new one in.
 * Booleans are cast to integers (PostgreSQL does no arithmetic on them). The ticket delete
 * trigger stays BEFORE DELETE for the ordering trap above: PostgreSQL's ON DELETE CASCADE also
 * deletes the analysis after the ticket row is gone.
 */
function postgresText(): string {
  const contribution = (table: string, live: (row: string) => string, body: (row: 'NEW' | 'OLD', sign: '+' | '-') => string) => `
    CREATE FUNCTION status_counters_${table}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP <> 'INSERT' AND ${live('OLD')} THEN ${body('OLD', '-')} END IF;
      IF TG_OP <> 'DELETE' AND ${live('NEW')} THEN ${body('NEW', '+')} END IF;
      IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
      RETURN NEW;
    END $$;`;
  const pgRunsDaily = (row: 'NEW' | 'OLD', sign: 1 | -1) => `
      INSERT INTO runs_daily (day, task, runs, finished, completed, failed, cancelled, duration_ms_sum, durations)
      VALUES (substr(${row}.started_at, 1, 10), ${row}.task, ${sign}, ${sign} * (${row}.status <> 'running')::int,
        ${sign} * (${row}.status = 'completed')::int, ${sign} * (${row}.status = 'failed')::int, ${sign} * (${row}.status = 'cancelled')::int,
        ${sign} * (CASE WHEN ${row}.status <> 'running' THEN coalesce(${row}.duration_ms, 0) ELSE 0 END),
        ${sign} * (${row}.status <> 'running' AND ${row}.duration_ms IS NOT NULL)::int)
      ON CONFLICT (day, task) DO UPDATE SET runs = runs_daily.runs + excluded.runs, finished = runs_daily.finished + excluded.finished,
        completed = runs_daily.completed + excluded.completed, failed = runs_daily.failed + excluded.failed,
        cancelled = runs_daily.cancelled + excluded.cancelled, duration_ms_sum = runs_daily.duration_ms_sum + excluded.duration_ms_sum,
        durations = runs_daily.durations + excluded.durations;`;
  const trigger = (name: string, when: string, table: string, fn: string, condition?: string) =>
    `CREATE TRIGGER ${name} ${when} ON ${table} FOR EACH ROW ${condition ? `WHEN (${condition}) ` : ''}EXECUTE FUNCTION ${fn}();`;
  return `
    CREATE TABLE status_counters (
      id BIGINT PRIMARY KEY CHECK (id = 1),
      tickets BIGINT NOT NULL,
      tickets_analyzed BIGINT NOT NULL,
      issues BIGINT NOT NULL,
      clusters BIGINT NOT NULL
    );
    INSERT INTO status_counters VALUES (1,
      (SELECT count(*) FROM tickets WHERE deleted = 0),
      (SELECT count(*) FROM ticket_analyses a JOIN tickets t ON t.id = a.ticket_id WHERE a.status = 'analyzed' AND t.deleted = 0),
      (SELECT count(*) FROM issues),
      (SELECT count(*) FROM clusters WHERE merged_into IS NULL));
    ${contribution('ticket', (r) => `${r}.deleted = 0`, (r, s) => `UPDATE status_counters SET tickets = tickets ${s} 1, tickets_analyzed = tickets_analyzed ${s} (${analyzedLive(`${r}.id`)})::int;`)}
    ${trigger('status_counters_ticket_insert', 'AFTER INSERT', 'tickets', 'status_counters_ticket', 'NEW.deleted = 0')}
    ${trigger('status_counters_ticket_update', 'AFTER UPDATE OF id, deleted', 'tickets', 'status_counters_ticket', 'OLD.id IS DISTINCT FROM NEW.id OR (OLD.deleted = 0) IS DISTINCT FROM (NEW.deleted = 0)')}
    ${trigger('status_counters_ticket_delete', 'BEFORE DELETE', 'tickets', 'status_counters_ticket', 'OLD.deleted = 0')}
    ${contribution('analysis', (r) => `${r}.status = 'analyzed'`, (r, s) => `UPDATE status_counters SET tickets_analyzed = tickets_analyzed ${s} (${ticketLive(`${r}.ticket_id`)})::int;`)}
    ${trigger('status_counters_analysis_insert', 'AFTER INSERT', 'ticket_analyses', 'status_counters_analysis', "NEW.status = 'analyzed'")}
    ${trigger('status_counters_analysis_update', 'AFTER UPDATE OF ticket_id, status', 'ticket_analyses', 'status_counters_analysis', "OLD.ticket_id IS DISTINCT FROM NEW.ticket_id OR (OLD.status = 'analyzed') IS DISTINCT FROM (NEW.status = 'analyzed')")}
    ${trigger('status_counters_analysis_delete', 'AFTER DELETE', 'ticket_analyses', 'status_counters_analysis', "OLD.status = 'analyzed'")}
    ${contribution('issue', () => 'true', (_r, s) => `UPDATE status_counters SET issues = issues ${s} 1;`)}
    ${trigger('status_counters_issue_insert', 'AFTER INSERT', 'issues', 'status_counters_issue')}
    ${trigger('status_counters_issue_delete', 'AFTER DELETE', 'issues', 'status_counters_issue')}
    ${contribution('cluster', (r) => `${r}.merged_into IS NULL`, (_r, s) => `UPDATE status_counters SET clusters = clusters ${s} 1;`)}
    ${trigger('status_counters_cluster_insert', 'AFTER INSERT', 'clusters', 'status_counters_cluster', 'NEW.merged_into IS NULL')}
    ${trigger('status_counters_cluster_update', 'AFTER UPDATE OF merged_into', 'clusters', 'status_counters_cluster', '(OLD.merged_into IS NULL) IS DISTINCT FROM (NEW.merged_into IS NULL)')}
    ${trigger('status_counters_cluster_delete', 'AFTER DELETE', 'clusters', 'status_counters_cluster', 'OLD.merged_into IS NULL')}

    CREATE TABLE runs_daily (
      day TEXT NOT NULL,
      task TEXT NOT NULL,
      runs BIGINT NOT NULL,
      finished BIGINT NOT NULL,
      completed BIGINT NOT NULL,
      failed BIGINT NOT NULL,
      cancelled BIGINT NOT NULL,
      duration_ms_sum BIGINT NOT NULL,
      durations BIGINT NOT NULL,
      PRIMARY KEY (day, task)
    );
    INSERT INTO runs_daily
      SELECT substr(started_at, 1, 10), task, count(*), count(*) FILTER (WHERE status <> 'running'),
        count(*) FILTER (WHERE status = 'completed'), count(*) FILTER (WHERE status = 'failed'),
        count(*) FILTER (WHERE status = 'cancelled'),
        coalesce(sum(CASE WHEN status <> 'running' THEN duration_ms END), 0),
        count(*) FILTER (WHERE status <> 'running' AND duration_ms IS NOT NULL)
      FROM runs GROUP BY substr(started_at, 1, 10), task;
    CREATE FUNCTION runs_daily_apply() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP <> 'INSERT' THEN ${pgRunsDaily('OLD', -1)} END IF;
      IF TG_OP <> 'DELETE' THEN ${pgRunsDaily('NEW', 1)} END IF;
      RETURN NULL;
    END $$;
    ${trigger('runs_daily_insert', 'AFTER INSERT', 'runs', 'runs_daily_apply')}
    ${trigger('runs_daily_update', 'AFTER UPDATE OF task, status, started_at, duration_ms', 'runs', 'runs_daily_apply')}
    ${trigger('runs_daily_delete', 'AFTER DELETE', 'runs', 'runs_daily_apply')}
  `;
}
