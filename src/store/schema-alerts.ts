import type { ColumnType, Generated, Kysely } from 'kysely';
import type { Database } from './schema.js';

/** Tables of src/alerts/ (migration 0010). */

type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

export type DeliveryStatus = 'pending' | 'sent' | 'failed' | 'skipped';

export interface AlertOutboxTable {
  id: Generated<number>;
  idempotency_key: string; // sent with every attempt, so a receiver can drop a repeat
  kind: string;
  theme_id: Nullable<number>;
  job: Nullable<string>;
  episode: Nullable<string>; // the theme's rising_since when alerted
  count_24h: Nullable<number>; // the theme's 24 h count when alerted
  summary: string;
  payload: string; // the stable JSON payload (alert-payload.ts)
  run_id: Nullable<string>;
  created_at: string;
}

export interface AlertDeliveriesTable {
  alert_id: number;
  channel: string; // slack | webhook | email
  status: DeliveryStatus;
  attempts: ColumnType<number, number | undefined, number>;
  last_error: Nullable<string>;
  next_attempt_at: Nullable<string>;
  sent_at: Nullable<string>;
  updated_at: string;
}

export type AlertTables = {
  alert_outbox: AlertOutboxTable;
  alert_deliveries: AlertDeliveriesTable;
};

export type AlertsDb = Kysely<Database & AlertTables>;

/** The database seen with the alert tables too (Kysely's withTables; no runtime cost). */
export function alertsDb(db: Kysely<Database>): AlertsDb {
  return db.withTables<AlertTables>();
}
