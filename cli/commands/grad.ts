/** `wiregrad grad FILE [--json] [--step]`: every node's value and ∂f/∂node of an expression graph (the backprop lab). */
import { evaluateExpression } from '../../engine/expression/evaluate';
import { gradReport } from '../../engine/expression/report';
import { formatGradText } from '../../engine/expression/text';
import { CliError } from '../errors';
import { loadGraphFile } from '../loadGraph';
import type { Command } from './command';
import { printErr, printOut } from '../terminalText';

export const grad: Command = {
  summary: 'values and gradients ∂f/∂node of an expression graph (the backprop lab)',
  usage: `Usage: wiregrad grad FILE [--json] [--step]

Reads an expression graph ("kind": "expression": vars, consts and gates), computes every node's value (forward) and
∂f/∂node for f = the "output" node (backward: upstream × local gradient, gate by gate), in float64.
  --json   print { output, value, nodes: [{ id, value, grad, upstream, local, downstream, … }] }; values and
           gradients have their node's shape (a number, an array, or an array of rows)
  --step   also print the backward pass one gate at a time: upstream, local and downstream for every input

Exit status: 0 no errors (warnings allowed), 1 the graph has errors, 2 the file cannot be read or parsed.`,
  async run(argv) {
    const flags = argv.filter((a) => a.startsWith('--'));
    const files = argv.filter((a) => !a.startsWith('--'));
    const unknown = flags.filter((f) => f !== '--json' && f !== '--step');
    if (unknown.length) throw new CliError(`unknown option ${unknown[0]} for grad.\n\n${this.usage}`);
    if (files.length > 1) throw new CliError(`grad takes one FILE, got ${files.length}.`);
    const loaded = loadGraphFile(files[0], 'expression');
    const result = evaluateExpression(loaded.graph);
    if (flags.includes('--json')) printOut(JSON.stringify(gradReport(result), null, 2) + '\n');
    else {
      for (const w of loaded.warnings) printErr(w + '\n');
      printOut(formatGradText(result, { step: flags.includes('--step') }));
    }
    return result.hasErrors ? 1 : 0;
  },
};
