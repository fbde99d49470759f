/**
 * Reads and parses a graph file for a CLI command, turning every failure into a CliError that names the file
 * (and the line and column of a syntax error). Exit status 2: the file cannot be read or parsed.
 */
import { shownPath } from '../engine/io/shownPath';
import { parseGraphText, type ParseResult } from '../engine/graph/parse';
import { FileTooLargeError, readTextCapped } from '../engine/io/readCapped';
import { isExpressionGraph, type Graph } from '../engine/graph/types';
import { NotRegularFileError } from '../engine/io/regularFile';
import { CliError } from './errors';

export interface LoadedGraph {
  readonly file: string;
  readonly graph: Graph;
  /** The file's text as read. */
  readonly text: string;
  readonly parsed: ParseResult;
  /** Non-fatal problems of the file itself (unknown top-level fields…), already formatted. */
  readonly warnings: readonly string[];
}

/** Which kind of graph a command reads: networks (most), expression graphs (`grad`), or either (`format`). */
export type Accepts = 'network' | 'expression' | 'any';

export function loadGraphFile(file: string | undefined, accepts: Accepts = 'network'): LoadedGraph {
  if (!file) throw new CliError('missing FILE: give the path of a *.nn.json graph.');
  let text: string;
  try {
    text = readTextCapped(file);
  } catch (err) {
    if (err instanceof FileTooLargeError || err instanceof NotRegularFileError) throw new CliError(`cannot read ${err.message}.`);
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'permission denied' : (err as Error).message;
    throw new CliError(`cannot read ${file}: ${why}.`);
  }
  const parsed = parseGraphText(text);
  const shown = shownPath(file);
  const format = (p: ParseResult['problems'][number]) => `${shown}:${p.range.line}:${p.range.column}: ${p.severity}: ${p.message}`;
  if (!parsed.graph) {
    throw new CliError(parsed.problems.filter((p) => p.severity === 'error').map(format).join('\n'));
  }
  const expression = isExpressionGraph(parsed.graph);
  if (accepts === 'network' && expression) {
    throw new CliError(`${shown} is an expression graph ("kind": "expression"), not a network; run \`wiregrad grad ${shown}\` for its values and gradients.`);
  }
  if (accepts === 'expression' && !expression) {
    throw new CliError(`${shown} is a network, not an expression graph; grad reads files with "kind": "expression" (for a network's gradients, run \`wiregrad check ${shown}\`).`);
  }
  return { file, graph: parsed.graph, text, parsed, warnings: parsed.problems.map(format) };
}
