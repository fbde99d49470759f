/** `wiregrad format FILE… [--check]`: rewrites graphs in the canonical form (stable key order, one node per line). */
import { serializeGraph } from '../../engine/graph/serialize';
import { writeFileAtomic } from '../../engine/io/atomicWrite';
import { CliError } from '../errors';
import { loadGraphFile } from '../loadGraph';
import type { Command } from './command';
import { printErr, printOut } from '../terminalText';

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
      } else {
        writeFileAtomic(file, canonical);
        printOut(`${file}: formatted\n`);
      }
    }
    return (check && differing) || refused ? 1 : 0;
  },
};
