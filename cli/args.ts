/** Command-line arguments: positional arguments and the flags a subcommand knows (train, evaluate, predict, export, import); anything else is refused. */
import { CliError } from './errors';

export interface ParsedArgs {
  readonly positional: string[];
  readonly values: Map<string, string>;
  readonly booleans: Set<string>;
}

/** Splits argv into positional arguments and known flags (`--flag value` or `--flag=value`). */
export function parseArgs(argv: readonly string[], valueFlags: readonly string[], booleanFlags: readonly string[], command: string): ParsedArgs {
  const positional: string[] = [];
  const values = new Map<string, string>();
  const booleans = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq >= 0 ? arg.slice(0, eq) : arg;
    if (booleanFlags.includes(name)) {
      if (eq >= 0) throw new CliError(`${name} takes no value.`);
      booleans.add(name);
    } else if (valueFlags.includes(name)) {
      const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || value === '') throw new CliError(`${name} needs a value.`);
      values.set(name, value);
    } else {
      throw new CliError(`unknown option ${name} for ${command}; run \`wiregrad ${command} --help\`.`);
    }
  }
  return { positional, values, booleans };
}
