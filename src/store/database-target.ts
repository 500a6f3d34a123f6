import type { PostgresTarget } from './postgres/postgres-url.js';

/** Which database a command uses: an SQLite file (the embedded default) or a PostgreSQL server. */
export type DatabaseTarget = { readonly dialect: 'sqlite'; readonly path: string } | PostgresTarget;

export type Dialect = DatabaseTarget['dialect'];
