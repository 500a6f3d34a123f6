import { Option, type Command } from 'commander';
import type { DepsOptions, GlobalOptions } from '../build-deps.js';
import type { Deps } from '../deps.js';
import type { Terminal } from '../output/terminal.js';
import type { ProcessContext } from '../process-context.js';

/*
 * How a registration becomes an action: each command module is imported inside its action, so a
 * command parses only what it uses (STYLE.md 4).
 */

type Action<O> = (opts: O, deps: Deps, term: Terminal, args: string[]) => Promise<void>;

/** The last argument commander passes an action is the command; its options include the globals. */
export function optionsOf(actionArgs: unknown[]): GlobalOptions & Record<string, unknown> {
  return (actionArgs[actionArgs.length - 1] as Command).optsWithGlobals();
}

/** Wraps a lazily imported command so that it gets Deps and the database is always closed. */
export function withDeps<O extends object>(
  ctx: ProcessContext,
  load: () => Promise<Action<O & GlobalOptions>>,
  opts: DepsOptions & { kysely?: boolean } = {}, // kysely: false for commands that must start fast
) {
  return async (...actionArgs: unknown[]) => {
    const command = actionArgs[actionArgs.length - 1] as Command;
    const options = command.optsWithGlobals() as O & GlobalOptions;
    const positional = actionArgs.slice(0, -2).filter((a): a is string => typeof a === 'string');
    // build-deps pulls in better-sqlite3: load it only for commands that use the database.
    const [action, { buildDeps, withKysely, logCommandFailure }] = await Promise.all([load(), import('../build-deps.js')]);
    try {
      const { deps, close } = await buildDeps(options, ctx.term, ctx.signal, opts);
      try {
        await action(options, opts.kysely === false ? deps : await withKysely(deps), ctx.term, positional);
      } finally {
        await close();
      }
    } catch (error) {
      // Task commands log why they failed (configuration, usage, refusals): cron's runs leave a trace.
      if (opts.forTask) logCommandFailure(options, ctx.term, command.name(), error);
      throw error;
    }
  };
}

/** For commands that build what they need themselves (no database, or their own): options and ctx. */
export function withContext<O>(ctx: ProcessContext, load: () => Promise<(opts: O, ctx: ProcessContext) => Promise<void>>) {
  return async (...actionArgs: unknown[]) => {
    const options = optionsOf(actionArgs) as O;
    await (await load())(options, ctx);
  };
}

export const jsonOption = () => new Option('--json', 'print one JSON object on stdout');
