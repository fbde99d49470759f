/** `wiregrad summary FILE [--json] [--explain] [--expand]`: the Keras/torchinfo-style table of a graph. */
import { analyzeGraph } from '../../engine/shape/analyze';
import { formatSummary, summarize } from '../../engine/shape/summary';
import { CliError } from '../errors';
import { loadGraphFile } from '../loadGraph';
import type { Command } from './command';
import { printErr, printOut } from '../terminalText';

export const summary: Command = {
  summary: 'print output shapes, parameter counts, MACs and receptive fields of a graph',
  usage: `Usage: wiregrad summary FILE [--json] [--explain] [--expand]

Prints a table of every node: type, output shape (H×W×C), parameters, MACs and receptive field, then totals and
every problem found with its fixes.
  --json      print the summary as JSON
  --explain   show the formula behind every number, with the numbers substituted
  --expand    a graph with modules: show every node inside each module use (ids are paths, l2b0/conv1), not
              only one row per use

Exit status: 0 no errors (warnings allowed), 1 the graph has errors, 2 the file cannot be read or parsed.`,
  async run(argv) {
    const flags = argv.filter((a) => a.startsWith('--'));
    const files = argv.filter((a) => !a.startsWith('--'));
    const unknown = flags.filter((f) => f !== '--json' && f !== '--explain' && f !== '--expand');
    if (unknown.length) throw new CliError(`unknown option ${unknown[0]} for summary.\n\n${this.usage}`);
    if (files.length > 1) throw new CliError(`summary takes one FILE, got ${files.length}.`);
    const loaded = loadGraphFile(files[0]);
    const analysis = analyzeGraph(loaded.graph);
    const result = summarize(loaded.graph.name, analysis, { expand: flags.includes('--expand') });
    if (flags.includes('--json')) printOut(JSON.stringify(result, null, 2) + '\n');
    else {
      for (const w of loaded.warnings) printErr(w + '\n');
      printOut(formatSummary(result, { explain: flags.includes('--explain') }));
    }
    return analysis.hasErrors ? 1 : 0;
  },
};
