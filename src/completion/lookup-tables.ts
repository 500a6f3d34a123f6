import { flattenTree, type CommandNode, type ValueKind } from './command-tree.js';

/**
 * The command tree as the three lookups every shell script answers from: subcommands and
 * options at a command path, and what to offer for a value. A path is the subcommand words
 * joined by spaces ('' for the program). Value keys are `path|--flag` for an option's value,
 * `path|#N` for the Nth positional argument and `path|#+` for the ones after a variadic last.
 * Values read `file`, `none` or `words w1 w2 …`. Pure.
 */
export interface LookupTables {
  subcommands: Array<{ path: string; entries: Array<{ name: string; description: string }> }>;
  options: Array<{ path: string; entries: Array<{ name: string; description: string }> }>;
  values: Array<{ key: string; value: string }>;
}

export function lookupTables(root: CommandNode): LookupTables {
  const nodes = flattenTree(root);
  const tables: LookupTables = { subcommands: [], options: [], values: [] };
  for (const node of nodes) {
    const path = node.path.join(' ');
    if (node.commands.length > 0) {
      tables.subcommands.push({ path, entries: node.commands.map((c) => ({ name: c.path[c.path.length - 1]!, description: oneLine(c.description) })) });
    }
    tables.options.push({ path, entries: node.options.flatMap((o) => o.flags.map((flag) => ({ name: flag, description: oneLine(o.description) }))) });
    for (const option of node.options) {
      if (option.value) for (const flag of option.flags) tables.values.push({ key: `${path}|${flag}`, value: valueWord(option.value) });
    }
    node.args.forEach((arg, i) => tables.values.push({ key: `${path}|#${i}`, value: valueWord(arg) }));
    if (node.variadicLast) tables.values.push({ key: `${path}|#+`, value: valueWord(node.args.at(-1)!) });
  }
  return tables;
}

function valueWord(value: ValueKind): string {
  if (value.kind !== 'words') return value.kind;
  // Completion words are command names, choices and job names: a blank would split one in two.
  return ['words', ...value.words.filter((w) => /^[^\s'"\\]+$/.test(w))].join(' ');
}

/** Descriptions go on one line in every shell's menu. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Quotes `text` for a POSIX shell (bash, zsh): single quotes, embedded ones closed and escaped. */
export function shQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
