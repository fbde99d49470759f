/**
 * `wiregrad` command-line entry: dispatches to one file per subcommand under cli/commands/.
 * Exit codes: 0 success, 1 the graph (or the run) has an error, 2 the input cannot be read or the usage is wrong.
 */
import { COMMANDS } from './commands';
import { CliError } from './errors';
import { printErr, printOut } from './terminalText';

const USAGE = `Usage: wiregrad <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`)
  .join('\n')}

Run \`wiregrad <command> --help\` for a command's options.`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    printOut(USAGE + '\n');
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v') {
    printOut(`wiregrad ${VERSION}\n`);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    printErr(`wiregrad: unknown command '${name}'.\n\n${USAGE}\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    printOut(command.usage + '\n');
    return 0;
  }
  return command.run(rest);
}

declare const VERSION: string;

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    // Anything that reaches here is a bug or an I/O failure; say it plainly, without a stack trace.
    const message = err instanceof CliError ? err.message : err instanceof Error ? err.message : String(err);
    printErr(`wiregrad: ${message}\n`);
    process.exitCode = err instanceof CliError ? err.exitCode : 2;
  },
);
