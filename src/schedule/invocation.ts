/**
 * How a scheduler starts issuetrack: absolute paths to node and to the CLI, so neither PATH nor
 * nvm matters (cron's PATH is /usr/bin:/bin), plus the database when it is not the default.
 */
export interface Invocation {
  nodePath: string;
  cliPath: string;
  /** Set when the database is not the default one, so the job uses the same file as you. */
  dbPath?: string;
  /** A 0600 file of KEY=value lines holding the secrets (systemd EnvironmentFile=). */
  envFile?: string;
}

/** Quotes a word for /bin/sh when it needs it. */
export function shellWord(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The command line of one job: `node cli.js <command> [--db PATH]`. */
export function jobCommand(invocation: Invocation, command: string): string[] {
  const argv = [invocation.nodePath, invocation.cliPath, command];
  if (invocation.dbPath) argv.push('--db', invocation.dbPath);
  return argv;
}
