import { exitCodeOf, oneLineMessage } from '../errors.js';
import type { Check } from './check.js';

/** The settings parse: database path, URLs and numbers are valid. */
export const configCheck: Check = {
  name: 'config',
  async run(ctx) {
    if (!ctx.config) return { status: 'fail', detail: oneLineMessage(ctx.configError), exitCode: exitCodeOf(ctx.configError) === 1 ? 78 : exitCodeOf(ctx.configError) };
    return { status: 'pass', detail: `database from ${ctx.config.dbSource}, Zendesk ${ctx.config.zendesk.baseUrl ?? 'not set'}` };
  },
};
