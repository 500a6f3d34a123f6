import type { Migration } from './migration.js';
import { migration0001 } from './migrations/0001-worker.js';
import { migration0002 } from './migrations/0002-tickets.js';
import { migration0003 } from './migrations/0003-analysis.js';
import { migration0004 } from './migrations/0004-themes.js';
import { migration0005 } from './migrations/0005-status-indexes.js';
import { migration0006 } from './migrations/0006-theme-suggestions.js';
import { migration0009 } from './migrations/0009-schedules.js';
import { migration0010 } from './migrations/0010-alerts.js';
import { migration0011 } from './migrations/0011-status-counters.js';
import { migration0012 } from './migrations/0012-run-counts.js';
import { migration0016 } from './migrations/0016-statement-counters.js';

/**
 * Every migration, in order. Static imports (not a folder scan) because the bundle has no
 * folder to scan. Each domain owns its file; a released migration is never edited, only followed.
 * Versions were given out per issue, so 7, 8 and 13–15 are unused: they must stay unused, since a
 * database already at 16 would never run a migration numbered below it. The next one is 17.
 */
export const migrations: readonly Migration[] = [migration0001, migration0002, migration0003, migration0004, migration0005, migration0006, migration0009, migration0010, migration0011, migration0012, migration0016];
