import { realpathSync } from 'node:fs';
import type { Config } from '../config.js';
import type { Invocation } from './invocation.js';

/**
 * How this very process was started, for a scheduler to start it the same way: this node
 * binary, this CLI file (links resolved), and the database when it did not come from the default.
 */
export function currentInvocation(config: Config, envFile: string | undefined): Invocation {
  let cliPath = process.argv[1] ?? 'issuetrack';
  try {
    cliPath = realpathSync(cliPath);
  } catch {
    // keep it as given
  }
  return {
    nodePath: process.execPath,
    cliPath,
    dbPath: config.dbSource === 'default' ? undefined : config.dbPath,
    envFile,
  };
}
