/** `wiregrad schema`: prints the JSON Schema of the `*.nn.json` format (the file the extension contributes). */
import { fullGraphSchema } from '../../engine/schema/fullSchema';
import { CliError } from '../errors';
import type { Command } from './command';
import { printErr, printOut } from '../terminalText';

export const schema: Command = {
  summary: 'print the JSON Schema of the *.nn.json format',
  usage: 'Usage: wiregrad schema\n\nPrints the JSON Schema of the graph format, for editors and validators.',
  async run(argv) {
    if (argv.length > 0) throw new CliError(`schema takes no arguments, got ${argv.join(' ')}.`);
    printOut(JSON.stringify(fullGraphSchema(), null, 2) + '\n');
    return 0;
  },
};
