/** What the global setup hands every test file about the run's PostgreSQL server. */
export type PostgresContext = { url: string; caFile?: string; version?: number } | { unavailable: string };

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: PostgresContext;
  }
}
