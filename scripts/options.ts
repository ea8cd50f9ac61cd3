/**
 * Strict command-line options for every npm script: node's util.parseArgs with strict: true, its
 * errors turned into one line that names the offending argument, and an option given twice refused
 * (parseArgs alone would keep the last one silently).
 */
import { parseArgs, ParseArgsConfig } from 'node:util';

/** A mistake in the command line: the script prints it with its usage and exits with status 2. */
export class UsageError extends Error {}

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface Parsed {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/** The argument a parseArgs error names, as the user typed it. */
function named(message: string): string {
  return (/'([^']+)'/.exec(message)?.[1] ?? '').replace(/ <value>$/, '');
}

function oneLine(err: Error & { code?: string }): string {
  const name = named(err.message);
  switch (err.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${name}`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument ${name}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /does not take an argument/.test(err.message) ? `${name} takes no value` : `${name} needs a value`;
    default:
      return err.message.split('\n')[0];
  }
}

/**
 * Parses argv against the spec. `positionals` is how many positional arguments the command takes
 * at most; one beyond that is refused by name.
 */
export function parseOptions(argv: string[], options: OptionSpec, positionals = 0): Parsed {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, strict: true, allowPositionals: true, tokens: true });
  } catch (err) {
    throw new UsageError(oneLine(err as Error & { code?: string }));
  }
  const seen = new Set<string>();
  for (const token of parsed.tokens ?? []) {
    if (token.kind !== 'option') continue;
    if (seen.has(token.name)) throw new UsageError(`--${token.name} is given twice`);
    seen.add(token.name);
  }
  if (parsed.positionals.length > positionals)
    throw new UsageError(`unexpected argument ${parsed.positionals[positionals]}`);
  return { values: parsed.values as Parsed['values'], positionals: parsed.positionals };
}

/** The options among `names` that were given, as `--name`. */
export function given(values: Parsed['values'], names: string[]): string[] {
  return names.filter((name) => values[name] !== undefined && values[name] !== false).map((name) => `--${name}`);
}
