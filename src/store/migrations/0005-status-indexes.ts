import type { Migration } from '../migration.js';

/**
 * What keeps `status` cheap on large databases (see store/status-queries.ts): indexes for its
 * counts, and a per-day rollup of Claude usage kept by a trigger, so that "tokens and cost over
 * 30 days" reads at most 31 rows instead of summing one row per call (16 ms at 50k calls).
 * api_usage is insert-only; the trigger sees every row, and the backfill covers older ones.
 */
export const migration0005: Migration = {
  version: 5,
  name: 'status-indexes',
  sql: `
    CREATE INDEX IF NOT EXISTS tickets_deleted ON tickets (deleted);
    CREATE INDEX IF NOT EXISTS ticket_analyses_status ON ticket_analyses (status);
    CREATE INDEX IF NOT EXISTS clusters_merged_into ON clusters (merged_into);

    CREATE TABLE api_usage_daily (
      day TEXT PRIMARY KEY, -- UTC date, YYYY-MM-DD
      calls INTEGER NOT NULL,
      input_tokens INTEGER NOT NULL,
      output_tokens INTEGER NOT NULL,
      cache_creation_input_tokens INTEGER NOT NULL,
      cache_read_input_tokens INTEGER NOT NULL,
      cost_usd REAL NOT NULL, -- of the calls whose model has a price
      unpriced_calls INTEGER NOT NULL
    );
    INSERT INTO api_usage_daily
      SELECT substr(at, 1, 10), count(*), sum(input_tokens), sum(output_tokens), sum(cache_creation_input_tokens),
        sum(cache_read_input_tokens), coalesce(sum(cost_usd), 0), sum(cost_usd IS NULL)
      FROM api_usage GROUP BY substr(at, 1, 10);
    CREATE TRIGGER api_usage_daily_add AFTER INSERT ON api_usage BEGIN
      INSERT INTO api_usage_daily VALUES (substr(NEW.at, 1, 10), 1, NEW.input_tokens, NEW.output_tokens,
        NEW.cache_creation_input_tokens, NEW.cache_read_input_tokens, coalesce(NEW.cost_usd, 0), NEW.cost_usd IS NULL)
      ON CONFLICT (day) DO UPDATE SET calls = calls + 1,
        input_tokens = input_tokens + excluded.input_tokens,
        output_tokens = output_tokens + excluded.output_tokens,
        cache_creation_input_tokens = cache_creation_input_tokens + excluded.cache_creation_input_tokens,
        cache_read_input_tokens = cache_read_input_tokens + excluded.cache_read_input_tokens,
        cost_usd = cost_usd + excluded.cost_usd,
        unpriced_calls = unpriced_calls + excluded.unpriced_calls;
    END;
  `,
  // PostgreSQL sums no booleans (count … FILTER instead) and runs a trigger's body as a function.
  postgres: `
    CREATE INDEX IF NOT EXISTS tickets_deleted ON tickets (deleted);
    CREATE INDEX IF NOT EXISTS ticket_analyses_status ON ticket_analyses (status);
    CREATE INDEX IF NOT EXISTS clusters_merged_into ON clusters (merged_into);

    CREATE TABLE api_usage_daily (
      day TEXT PRIMARY KEY,
      calls BIGINT NOT NULL,
      input_tokens BIGINT NOT NULL,
      output_tokens BIGINT NOT NULL,
      cache_creation_input_tokens BIGINT NOT NULL,
      cache_read_input_tokens BIGINT NOT NULL,
      cost_usd DOUBLE PRECISION NOT NULL,
      unpriced_calls BIGINT NOT NULL
    );
    INSERT INTO api_usage_daily
      SELECT substr(at, 1, 10), count(*), sum(input_tokens), sum(output_tokens), sum(cache_creation_input_tokens),
        sum(cache_read_input_tokens), coalesce(sum(cost_usd), 0), count(*) FILTER (WHERE cost_usd IS NULL)
      FROM api_usage GROUP BY substr(at, 1, 10);
    CREATE FUNCTION api_usage_daily_add() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO api_usage_daily VALUES (substr(NEW.at, 1, 10), 1, NEW.input_tokens, NEW.output_tokens,
        NEW.cache_creation_input_tokens, NEW.cache_read_input_tokens, coalesce(NEW.cost_usd, 0), (NEW.cost_usd IS NULL)::int)
      ON CONFLICT (day) DO UPDATE SET calls = api_usage_daily.calls + 1,
        input_tokens = api_usage_daily.input_tokens + excluded.input_tokens,
        output_tokens = api_usage_daily.output_tokens + excluded.output_tokens,
        cache_creation_input_tokens = api_usage_daily.cache_creation_input_tokens + excluded.cache_creation_input_tokens,
        cache_read_input_tokens = api_usage_daily.cache_read_input_tokens + excluded.cache_read_input_tokens,
        cost_usd = api_usage_daily.cost_usd + excluded.cost_usd,
        unpriced_calls = api_usage_daily.unpriced_calls + excluded.unpriced_calls;
      RETURN NULL;
    END $$;
    CREATE TRIGGER api_usage_daily_add AFTER INSERT ON api_usage FOR EACH ROW EXECUTE FUNCTION api_usage_daily_add();
  `,
};
