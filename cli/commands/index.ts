/**
 * The table of subcommands. Each lives in its own file and exports a `Command`.
 * To add one: write cli/commands/NAME.ts and add one line below.
 */
import { bench } from './bench';
import { check } from './check';
import type { Command } from './command';
import { evaluate } from './evaluate';
import { exportCommand } from './export';
import { importCommand } from './import';
import { format } from './format';
import { grad } from './grad';
import { predict } from './predict';
import { schema } from './schema';
import { summary } from './summary';
import { train } from './train';

export const COMMANDS: Record<string, Command> = {
  summary,
  format,
  schema,
  check,
  train,
  evaluate,
  predict,
  export: exportCommand,
  import: importCommand,
  grad,
  bench,
};
