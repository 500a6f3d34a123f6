import type { Command } from 'commander';
import { bashScript } from '../completion/bash-script.js';
import { describeProgram } from '../completion/command-tree.js';
import { fishScript } from '../completion/fish-script.js';
import { lookupTables } from '../completion/lookup-tables.js';
import { zshScript } from '../completion/zsh-script.js';
import type { Terminal } from '../output/terminal.js';
import { JOBS } from '../schedule/jobs.js';
import { VERSION } from '../version.js';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

const RENDERERS = { bash: bashScript, zsh: zshScript, fish: fishScript } satisfies Record<Shell, unknown>;

/**
 * `issuetrack completion <shell>`: prints the completion script for `program` as it is
 * registered in this process, so every command, option and job this build has is in it.
 */
export async function completionCommand(shell: Shell, program: Command, term: Terminal): Promise<void> {
  const tree = describeProgram(program, { jobs: JOBS.map((job) => job.name) });
  term.stdout.write(RENDERERS[shell](lookupTables(tree), VERSION));
}
