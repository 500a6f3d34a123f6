import BetterSqlite3 from 'better-sqlite3';
import { migrate } from '../store/migrate.js';
import { newSqlite } from '../store/sqlite-file.js';

/** One table to copy, as the source's own schema describes it. */
export interface TableCopy {
  name: string;
  /** Every stored column (generated ones are left to the target to compute). */
  columns: string[];
  /** The primary key's columns, for the second pass over self-references. */
  primaryKey: string[];
  /** Columns that reference this same table: copied as NULL, then set once every row is in. */
  selfReferences: string[];
  /** Rows a freshly migrated database already holds here (a singleton counter, the worker row). */
  seedRows: number;
  /** Written by another table's triggers: cleared and copied after every other table. */
  derived: boolean;
}

/**
 * The tables to copy, from the source's sqlite_master: every table the migrations made, so a new
 * table is copied without anyone listing it. Ordered so that a row's foreign keys point at rows
 * already copied, with the tables that triggers keep (status counters, daily rollups) last: the
 * source's values then overwrite whatever the triggers summed while the other tables went in.
 */
export function planCopy(source: BetterSqlite3.Database): TableCopy[] {
  const names = source
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")
    .pluck()
    .all() as string[];
  const derived = triggerTargets(source);
  const seeds = seedRowCounts();
  const tables = names.map((name): TableCopy & { parents: string[] } => {
    const info = source.prepare(`SELECT name, pk, hidden FROM pragma_table_xinfo(?) ORDER BY cid`).all(name) as Array<{ name: string; pk: number; hidden: number }>;
    const keys = source.prepare('SELECT "table" AS parent, "from" AS col FROM pragma_foreign_key_list(?)').all(name) as Array<{ parent: string; col: string }>;
    return {
      name,
      columns: info.filter((c) => c.hidden === 0).map((c) => c.name),
      primaryKey: info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name),
      selfReferences: keys.filter((k) => k.parent === name).map((k) => k.col),
      seedRows: seeds.get(name) ?? 0,
      derived: derived.has(name),
      parents: keys.map((k) => k.parent).filter((p) => p !== name && names.includes(p)),
    };
  });
  return orderTables(tables).map(({ parents: _parents, ...table }) => table);
}

/** Parents before children (Kahn's algorithm, by name among equals), derived tables last. */
function orderTables<T extends { name: string; parents: string[]; derived: boolean }>(tables: T[]): T[] {
  const ordered: T[] = [];
  const placed = new Set<string>();
  const pending = [...tables].sort((a, b) => Number(a.derived) - Number(b.derived) || a.name.localeCompare(b.name));
  while (pending.length > 0) {
    const index = pending.findIndex((t) => t.parents.every((p) => placed.has(p)));
    // A cycle between tables cannot be ordered; take the next one and let the target's keys judge.
    const [next] = pending.splice(index === -1 ? 0 : index, 1);
    ordered.push(next!);
    placed.add(next!.name);
  }
  return ordered;
}

/** Tables that a trigger's body writes to (UPDATE x, INSERT INTO x, DELETE FROM x). */
function triggerTargets(source: BetterSqlite3.Database): Set<string> {
  const bodies = source.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger'").pluck().all() as string[];
  const targets = new Set<string>();
  for (const body of bodies) {
    const afterBegin = body.slice(body.search(/\bBEGIN\b/i));
    for (const match of afterBegin.matchAll(/\b(?:UPDATE(?:\s+OR\s+\w+)?|INSERT(?:\s+OR\s+\w+)?\s+INTO|REPLACE\s+INTO|DELETE\s+FROM)\s+["`[]?(\w+)/gi)) {
      targets.add(match[1]!);
    }
  }
  return targets;
}

/** Row counts of a freshly migrated database: what "empty" means for a target. */
function seedRowCounts(): Map<string, number> {
  const fresh = newSqlite(':memory:');
  try {
    migrate(fresh);
    const names = fresh.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'").pluck().all() as string[];
    return new Map(names.map((name) => [name, fresh.prepare(`SELECT count(*) FROM "${name}"`).pluck().get() as number]));
  } finally {
    fresh.close();
  }
}
