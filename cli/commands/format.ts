/** `wiregrad format FILE… [--check]`: rewrites graphs in the canonical form (stable key order, one node per line). */
import { serializeGraph } from '../../engine/graph/serialize';
import { writeFileAtomic } from '../../engine/io/atomicWrite';
import { CliError } from '../errors';
import { loadGraphFile } from '../loadGraph';
import type { Command } from './command';
import { printErr, printOut } from '../terminalText';
import { losslessProblems, meaningDifference } from '../../engine/graph/lossless';

export const format: Command = {
  summary: 'rewrite graph files in the canonical, diff-friendly layout',
  usage: `Usage: wiregrad format FILE... [--check]

Rewrites each *.nn.json file with stable key order and one node, edge and layout entry per line, so that a change
to one attribute is a one-line diff. The content is unchanged. The write is atomic. A file with warnings (an unknown top-level field, a key given
twice, a malformed layout entry) is left as it is: the canonical form would drop what they name.
  --check   change nothing; exit 1 if any file is not in canonical form`,
  async run(argv) {
    const check = argv.includes('--check');
    const unknown = argv.filter((a) => a.startsWith('--') && a !== '--check');
    if (unknown.length) throw new CliError(`unknown option ${unknown[0]} for format.`);
    const files = argv.filter((a) => !a.startsWith('--'));
    if (!files.length) throw new CliError('format needs at least one FILE.');
    let differing = 0;
    let refused = 0;
    for (const file of files) {
      const loaded = loadGraphFile(file, 'any');
      const { text } = loaded;
      const canonical = serializeGraph(loaded.graph);
      if (text === canonical) continue;
      differing++;
      if (check) printOut(`${file}: not in canonical form\n`);
      else if (loaded.warnings.length > 0) {
        // The parser skipped these parts, so the canonical text lacks them: rewriting would delete the user's data.
        printErr(`${loaded.warnings.join('\n')}\n${file}: not formatted, since that would drop what the warnings above name; fix them first.\n`);
        refused++;
      } else if (!refuseLosses(file, text, canonical)) {
        writeFileAtomic(file, canonical);
        printOut(`${file}: formatted\n`);
      } else refused++;
    }
    return (check && differing) || refused ? 1 : 0;
  },
};

/** The text without a byte-order mark (the canonical form has none; its absence changes no meaning). */
function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * What a rewrite cannot keep exactly (1e999, 20-digit integers, 1e-400, a key given twice), or anything else the
 * canonical text would not keep, is refused naming the line: never rewritten. True when refused (and said why).
 */
function refuseLosses(file: string, text: string, canonical: string): boolean {
  const losses = losslessProblems(text);
  const changed = losses.length === 0 ? meaningDifference(stripBom(text), canonical) : null;
  if (losses.length === 0 && !changed) return false;
  const why = losses.length > 0 ? losses.map((p) => `${file}:${p.line}:${p.column}: ${p.message}`) : [`${file}:${changed!.line}: ${changed!.path} would not be kept by the canonical form`];
  printErr(`${why.join('\n')}\n${file}: not formatted, since that would change what it says; fix the lines above first.\n`);
  return true;
}
