// A store as status sees one after long use, written straight into an SQLite file that a task
// has already created (so the schema and its triggers exist). Used by bench/status-cold-start.mjs
// and bench/postgres.mjs.
import BetterSqlite3 from 'better-sqlite3';

// Writes tickets from+1..n (and their rows) through the columns every schema version has had;
// extra columns take defaults. The 2000 runs are written with the first size only.
export function populate(path, from, n) {
  const sqlite = new BetterSqlite3(path);
  const now = Date.now();
  sqlite.transaction(() => {
    const t = sqlite.prepare(
      `INSERT INTO tickets (id, subject, status, tags, created_at, updated_at, generated_timestamp, synced_at)
       VALUES (?, ?, 'open', '[]', ?, ?, ?, ?)`,
    );
    const a = sqlite.prepare(
      `INSERT INTO ticket_analyses (ticket_id, status, input_hash, prompt_version, model, attempts, analyzed_at)
       VALUES (?, 'analyzed', 'h', 'v1', 'm', 1, ?)`,
    );
    const is = sqlite.prepare(
      `INSERT INTO issues (ticket_id, position, title, category, severity, created_at) VALUES (?, ?, ?, 'bug', 'low', ?)`,
    );
    for (let i = from + 1; i <= n; i++) {
      const iso = new Date(now - i * 60_000).toISOString();
      t.run(i, `Ticket ${i}`, iso, iso, Math.floor(now / 1000) - i, iso);
      a.run(i, iso);
      is.run(i, 0, `Issue ${i % 97}`, iso);
      if (i % 2 === 0) is.run(i, 1, `Issue ${i % 89}`, iso);
    }
    // One Claude call per ticket, as analyze records them.
    const u = sqlite.prepare(
      `INSERT INTO api_usage (at, model, mode, input_tokens, output_tokens, cache_read_input_tokens, cost_usd)
       VALUES (?, 'claude-haiku-5-5', 'live', 150, 90, 1300, 0.00007)`,
    );
    for (let i = from + 1; i <= n; i++) u.run(new Date(now - i * 60_000).toISOString());
    const c = sqlite.prepare(`INSERT INTO clusters (category, title, created_at, updated_at) VALUES ('bug', ?, ?, ?)`);
    for (let i = from / 50; i < n / 50; i++) c.run(`Theme ${i}`, new Date(now).toISOString(), new Date(now).toISOString());
    const r = sqlite.prepare(
      `INSERT INTO runs (id, task, status, params, pid, host, started_at, finished_at, duration_ms)
       VALUES (?, ?, ?, '{}', 1, 'bench', ?, ?, ?)`,
    );
    for (let i = 0; i < (from === 0 ? 2000 : 0); i++) {
      const start = new Date(now - i * 3_600_000).toISOString();
      r.run(`r_${i}`, i % 24 === 0 ? 'pipeline' : 'trends', i % 10 === 0 ? 'failed' : 'completed', start, start, 1000 + i);
    }
  })();
  sqlite.close();
}
