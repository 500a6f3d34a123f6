import type { Migration } from '../migration.js';

/*
 * PostgreSQL only (issue 16, speed): the status counters of migration 0011 for inserts and issue
 * deletes, kept per statement instead of per row. A row trigger updates the one status_counters
 * row once per inserted row, and PostgreSQL writes a new version of that row each time: inside
 * one transaction each update walks the chain of versions the earlier ones left, so a sync page
 * of 1000 new tickets spent ~190 ms in the trigger against ~27 ms for the insert itself
 * (measured with psql \timing, PostgreSQL 15, this machine under load). A statement trigger reads
 * the statement's rows from its transition table and updates the counters once.
 *
 * What each counter counts is unchanged (see 0011): an inserted ticket with deleted = 0 counts,
 * and so does its analysis if one exists; an inserted analysis counts when it is 'analyzed' and
 * its ticket is live; every issue counts. Rows an INSERT … ON CONFLICT DO UPDATE updated are not
 * in the INSERT's transition table: 0011's update triggers, left as they are, count those. Deletes
 * of tickets and analyses stay per row (0011's ordering trap with ON DELETE CASCADE); they are rare.
 *
 * SQLite keeps 0011's row triggers: it updates the row in place, and a trigger step is an
 * in-process call, so nothing here applies to it.
 */
const INSERTED = 'inserted_rows';
const DELETED = 'deleted_rows';

const statementTrigger = (name: string, event: 'INSERT' | 'DELETE', table: string, fn: string) =>
  `CREATE TRIGGER ${name} AFTER ${event} ON ${table} REFERENCING ${event === 'INSERT' ? 'NEW' : 'OLD'} TABLE AS ${event === 'INSERT' ? INSERTED : DELETED} FOR EACH STATEMENT EXECUTE FUNCTION ${fn}();`;

/** A trigger function running `update` unless the statement touched no row worth counting. */
const statementFunction = (fn: string, rows: string, worth: string, update: string) => `
    CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF EXISTS (SELECT 1 FROM ${rows} r WHERE ${worth}) THEN ${update} END IF;
      RETURN NULL;
    END $$;`;

const postgres = `
    DROP TRIGGER status_counters_ticket_insert ON tickets;
    ${statementFunction(
      'status_counters_tickets_inserted', INSERTED, 'r.deleted = 0',
      `UPDATE status_counters SET
         tickets = tickets + (SELECT count(*) FROM ${INSERTED} WHERE deleted = 0),
         tickets_analyzed = tickets_analyzed + (SELECT count(*) FROM ${INSERTED} n
           WHERE n.deleted = 0 AND EXISTS (SELECT 1 FROM ticket_analyses WHERE ticket_id = n.id AND status = 'analyzed'));`,
    )}
    ${statementTrigger('status_counters_tickets_insert', 'INSERT', 'tickets', 'status_counters_tickets_inserted')}

    DROP TRIGGER status_counters_analysis_insert ON ticket_analyses;
    ${statementFunction(
      'status_counters_analyses_inserted', INSERTED, "r.status = 'analyzed'",
      `UPDATE status_counters SET tickets_analyzed = tickets_analyzed + (SELECT count(*) FROM ${INSERTED} n
         WHERE n.status = 'analyzed' AND EXISTS (SELECT 1 FROM tickets WHERE id = n.ticket_id AND deleted = 0));`,
    )}
    ${statementTrigger('status_counters_analyses_insert', 'INSERT', 'ticket_analyses', 'status_counters_analyses_inserted')}

    DROP TRIGGER status_counters_issue_insert ON issues;
    DROP TRIGGER status_counters_issue_delete ON issues;
    ${statementFunction('status_counters_issues_inserted', INSERTED, 'true', `UPDATE status_counters SET issues = issues + (SELECT count(*) FROM ${INSERTED});`)}
    ${statementFunction('status_counters_issues_deleted', DELETED, 'true', `UPDATE status_counters SET issues = issues - (SELECT count(*) FROM ${DELETED});`)}
    ${statementTrigger('status_counters_issues_insert', 'INSERT', 'issues', 'status_counters_issues_inserted')}
    ${statementTrigger('status_counters_issues_delete', 'DELETE', 'issues', 'status_counters_issues_deleted')}
`;

export const migration0016: Migration = {
  version: 16,
  name: 'statement-counters',
  sql: '-- PostgreSQL only: SQLite keeps the row triggers of migration 0011.',
  postgres,
};
