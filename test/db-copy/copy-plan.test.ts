import { expect, it } from 'vitest';
import { planCopy } from '../../src/db-copy/copy-plan.js';
import { tempStore } from '../helpers/store.js';

it('plans every table of the schema, none twice, sqlite_sequence aside', () => {
  const { sqlite } = tempStore();
  const names = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'sqlite_sequence' ORDER BY name").pluck().all();
  expect(planCopy(sqlite).map((t) => t.name).sort()).toEqual(names);
});

it('puts every referenced table before the tables that reference it', () => {
  const { sqlite } = tempStore();
  const plan = planCopy(sqlite).map((t) => t.name);
  const keys = sqlite
    .prepare("SELECT m.name AS child, f.\"table\" AS parent FROM sqlite_master m, pragma_foreign_key_list(m.name) f WHERE m.type = 'table' AND f.\"table\" <> m.name")
    .all() as Array<{ child: string; parent: string }>;
  expect(keys.length).toBeGreaterThan(0);
  for (const { child, parent } of keys) expect(plan.indexOf(parent), `${parent} before ${child}`).toBeLessThan(plan.indexOf(child));
});

it('copies the tables that triggers keep last, after the rows that fire them', () => {
  const plan = planCopy(tempStore().sqlite);
  const derived = plan.filter((t) => t.derived).map((t) => t.name);
  expect(derived).toEqual(expect.arrayContaining(['api_usage_daily', 'runs_daily', 'status_counters']));
  expect(plan.slice(-derived.length).every((t) => t.derived)).toBe(true);
});

it('knows the rows migration seeds and the columns that point into their own table', () => {
  const plan = new Map(planCopy(tempStore().sqlite).map((t) => [t.name, t]));
  expect(plan.get('status_counters')!.seedRows).toBe(1);
  expect(plan.get('worker_status')!.seedRows).toBe(1);
  expect(plan.get('tickets')!.seedRows).toBe(0);
  expect(plan.get('clusters')!.selfReferences).toEqual(['merged_into']);
  expect(plan.get('alert_deliveries')!.primaryKey).toEqual(['alert_id', 'channel']);
});
