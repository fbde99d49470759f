/** One `wiregrad` subcommand. `run` returns the process exit code (0 ok, 1 graph/run error, 2 bad input or usage). */
export interface Command {
  /** One line for `wiregrad --help`. */
  readonly summary: string;
  /** The full usage text for `wiregrad NAME --help`. */
  readonly usage: string;
  run(argv: readonly string[]): Promise<number>;
}
