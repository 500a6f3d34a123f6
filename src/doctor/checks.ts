import type { Check } from './check.js';
import { claudeCheck } from './claude-check.js';
import { configCheck } from './config-check.js';
import { databaseCheck } from './database-check.js';
import { zendeskCheck } from './zendesk-check.js';

/** Every check `doctor` runs, in order. A new check is one module and one line here. */
export const CHECKS: readonly Check[] = [configCheck, databaseCheck, zendeskCheck, claudeCheck];
