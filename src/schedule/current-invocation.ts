import { realpathSync } from 'node:fs';
import type { Config } from '../config.js';
import { ConfigError, UsageError } from '../errors.js';
import type { Invocation } from './invocation.js';

/**
 * How this very process was started, for a scheduler to start it the same way: this node
 * binary, this CLI file (links resolved), and the database when it did not come from the default.
 * Throws UsageError (64) for a secrets file, ConfigError (78) for any other path, holding a
 * control character: a crontab and a unit file are line-based, so a newline in a path would
 * install a line of its own (and no quoting survives a newline).
 */
export function currentInvocation(config: Config, envFile: string | undefined): Invocation {
  if (envFile !== undefined && CONTROL.test(envFile)) throw new UsageError(`--secrets-file: the path holds a control character (${JSON.stringify(envFile)}); rename the file`);
  let cliPath = process.argv[1] ?? 'issuetrack';
  try {
    cliPath = realpathSync(cliPath);
  } catch {
    // keep it as given
  }
  // A PostgreSQL URL holds its password: it never goes into a crontab line or a unit file; the
  // jobs read DATABASE_URL from the secrets file (--secrets-file) as every other secret.
  const named = config.dbSource !== 'default' && config.database.dialect === 'sqlite';
  const invocation = { nodePath: process.execPath, cliPath, dbPath: named ? config.dbPath : undefined, envFile };
  for (const [what, path] of [['node', invocation.nodePath], ['issuetrack', invocation.cliPath], ['database', invocation.dbPath]] as const) {
    if (path !== undefined && CONTROL.test(path)) throw new ConfigError(`the ${what} path holds a control character (${JSON.stringify(path)}); a scheduled job cannot name it`);
  }
  return invocation;
}

// C0 controls, DEL and C1 controls, and the Unicode line and paragraph separators.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
