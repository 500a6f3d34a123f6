import type { Argument, Command, Option } from 'commander';

/** What a shell may offer for a value: nothing (free text), file names, or a fixed list. */
export type ValueKind = { kind: 'none' } | { kind: 'file' } | { kind: 'words'; words: readonly string[] };

export interface OptionNode {
  /** Every spelling, e.g. ['-v', '--verbose']. */
  flags: string[];
  description: string;
  /** Null for a switch; what to offer for its value otherwise. */
  value: ValueKind | null;
}

export interface CommandNode {
  /** The words that reach it after the program name: [] for the program, ['issues', 'show']. */
  path: string[];
  description: string;
  /** Its own options, plus the program's (commander reads those after any subcommand too). */
  options: OptionNode[];
  commands: CommandNode[];
  /** What to offer for each positional argument, in order. */
  args: ValueKind[];
  /** Whether the last argument takes any number of values (`<jobs...>`). */
  variadicLast: boolean;
}

/** The words that commander does not know about: name them in flags or arguments and they complete. */
export interface TreeVocabulary {
  /** The scheduled jobs' names, offered for any `<job>` value or `--job` option. */
  jobs: readonly string[];
}

const FILE_VALUE = /^(path|file|dir|folder)s?$/;
const JOB_VALUE = /^jobs?$/;

/**
 * Walks a commander program (every command, option and argument as registered, hidden ones
 * left out) into a plain tree the shell renderers read. Nothing is listed by hand: a value
 * placeholder named <path>/<file>/<dir> completes file names, one named <job> (or a --job option)
 * the job names, and `.choices()` or cli-options.ts's oneOf() their choices. Pure; does not throw.
 */
export function describeProgram(program: Command, vocabulary: TreeVocabulary): CommandNode {
  const help = program.createHelp();
  const globals = help.visibleOptions(program).filter((o) => o.long !== '--version' && o.long !== '--help');
  const walk = (command: Command, path: string[]): CommandNode => {
    const own = help.visibleOptions(command);
    const options = path.length === 0 ? own : [...own, ...globals.filter((g) => !own.some((o) => o.long === g.long))];
    return {
      path,
      description: command.description(),
      options: options.map((o) => optionNode(o, vocabulary)),
      commands: help.visibleCommands(command).map((sub) => walk(sub, [...path, sub.name()])),
      args: command.registeredArguments.map((a) => argumentValue(a, vocabulary)),
      variadicLast: command.registeredArguments.at(-1)?.variadic ?? false,
    };
  };
  return walk(program, []);
}

/** Every command of the tree, the program first, depth first. */
export function flattenTree(root: CommandNode): CommandNode[] {
  return [root, ...root.commands.flatMap(flattenTree)];
}

function optionNode(option: Option, vocabulary: TreeVocabulary): OptionNode {
  const flags = [option.short, option.long].filter((f): f is string => Boolean(f));
  if (!option.required && !option.optional) return { flags, description: option.description, value: null };
  const placeholder = /[<[]([\w-]+)(?:\.\.\.)?[>\]]/.exec(option.flags)?.[1] ?? '';
  const choices = option.argChoices ?? choicesOf(option.parseArg);
  const isJob = JOB_VALUE.test(placeholder) || option.attributeName() === 'job';
  return { flags, description: option.description, value: valueKind(placeholder, choices, isJob, vocabulary) };
}

function argumentValue(argument: Argument, vocabulary: TreeVocabulary): ValueKind {
  return valueKind(argument.name(), argument.argChoices ?? choicesOf(argument.parseArg), JOB_VALUE.test(argument.name()), vocabulary);
}

function valueKind(name: string, choices: readonly string[] | undefined, isJob: boolean, vocabulary: TreeVocabulary): ValueKind {
  if (choices?.length) return { kind: 'words', words: choices };
  if (isJob) return { kind: 'words', words: vocabulary.jobs };
  if (FILE_VALUE.test(name)) return { kind: 'file' };
  return { kind: 'none' };
}

/** The list an argParser made by cli-options.ts's oneOf() carries, if it is one. */
function choicesOf(parser: unknown): readonly string[] | undefined {
  const choices = (parser as { choices?: unknown } | undefined)?.choices;
  return Array.isArray(choices) && choices.every((c) => typeof c === 'string') ? choices : undefined;
}
