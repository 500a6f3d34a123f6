import { statSync } from 'node:fs';
import { ConfigError } from '../errors.js';

/**
 * Refuses a secrets file a scheduled job could not read safely: missing, not a file, or readable
 * by group or others (it holds API tokens; the same rule as ssh's private keys). ConfigError (78).
 */
export function assertPrivateSecretsFile(path: string): void {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    throw new ConfigError(`secrets file ${path} does not exist; create it with KEY=value lines and chmod 600`);
  }
  if (!stat.isFile()) throw new ConfigError(`secrets file ${path} is not a file`);
  if ((stat.mode & 0o077) !== 0) {
    throw new ConfigError(`secrets file ${path} is readable by group or others (mode ${(stat.mode & 0o777).toString(8)}); run chmod 600 ${path}`);
  }
}
