/** `wiregrad check FILE [--batch N] [--seed N]`: backprop's gradients against numerical ones, tensor by tensor. */
import { gradientCheck, type GradCheckReport } from '../../engine/check/gradcheck';
import { gradCheckMemoryBytes } from '../../engine/check/memory';
import { ModelBuildError } from '../../engine/model/model';
import { analyzeGraph } from '../../engine/shape/analyze';
import { formatBytes, formatShape } from '../../engine/shape/format';
import { parseTrainingSection } from '../../engine/train/config';
import { defaultMemoryBudget } from '../../engine/train/memory';
import { CliError } from '../errors';
import { checkOverfit, OVERFIT_USAGE } from './checkOverfit';
import { loadGraphFile } from '../loadGraph';
import type { Command } from './command';
import { printOut, terminalSafe } from '../terminalText';

const USAGE = `Usage: wiregrad check FILE [--batch N] [--seed N]
${OVERFIT_USAGE}

Builds the graph in float64 with random weights, runs a small random batch forward and backward, and compares
every trainable tensor's gradient (and the input's) with centered differences (L(θ+h) − L(θ−h))/2h, h = 1e-5.
Big tensors are checked on a random sample of elements; elements whose step crosses a kink (relu at 0, a max tie)
are skipped. Dropout keeps one mask; batchnorm uses batch statistics. The loss is cross-entropy for a vector
output, mse otherwise.
  --batch N   samples in the random batch, 1 to 256 (default 4)
  --seed N    seed of the weights, the batch and the sampled elements (default 0)

Exit status: 0 every tensor within 1e-5 relative error, 1 some tensor is not, 2 the file cannot be read, the
graph or its "training" section has errors, or the check would not fit in memory.`;

function wholeFlag(argv: readonly string[], name: string, fallback: number, min: number, max: number): number {
  const i = argv.indexOf(name);
  if (i < 0) return fallback;
  const raw = argv[i + 1];
  const v = Number(raw);
  if (raw === undefined || !Number.isInteger(v) || v < min || v > max) {
    throw new CliError(`${name} needs a whole number from ${min} to ${max}; got ${raw ?? 'nothing'}.`);
  }
  return v;
}

/**
 * The check runs two or four forward passes of the whole batch per checked element (up to 24 per tensor), so a big
 * batch multiplies its time without making it more thorough: --batch 100000000 fit in memory and ran for hours.
 */
const MAX_CHECK_BATCH = 256;

export function formatReport(report: GradCheckReport): string {
  const rows = report.tensors.map((t) => [
    t.name,
    formatShape(t.shape),
    t.maxRelError.toExponential(2),
    `${t.checked}${t.skipped ? ` (+${t.skipped} skipped)` : ''}`,
    t.ok ? 'OK' : 'FAIL',
  ]);
  const header = ['tensor', 'shape', 'max rel error', 'elements', 'status'];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (r: string[]) => r.map((v, c) => v.padEnd(widths[c])).join('  ').trimEnd();
  const failed = report.tensors.filter((t) => !t.ok).length;
  return [
    line(header),
    line(widths.map((w) => '─'.repeat(w))),
    ...rows.map(line),
    '',
    `loss ${report.loss}, ${report.dtype}, tolerance ${report.tolerance.toExponential(0)}: ` +
      (failed ? `${failed} of ${report.tensors.length} tensors FAIL` : `all ${report.tensors.length} tensors OK`),
    '',
  ].join('\n');
}

export const check: Command = {
  summary: 'compare backprop gradients with numerical ones (float64), tensor by tensor',
  usage: USAGE,
  async run(argv) {
    if (argv.includes('--overfit')) return checkOverfit(argv);
    const files = argv.filter((a, i) => !a.startsWith('--') && !(i > 0 && (argv[i - 1] === '--batch' || argv[i - 1] === '--seed')));
    const unknown = argv.filter((a) => a.startsWith('--') && a !== '--batch' && a !== '--seed');
    if (unknown.length) throw new CliError(`unknown option ${unknown[0]} for check.\n\n${USAGE}`);
    if (files.length > 1) throw new CliError(`check takes one FILE, got ${files.length}.`);
    const batch = wholeFlag(argv, '--batch', 4, 1, MAX_CHECK_BATCH);
    const seed = wholeFlag(argv, '--seed', 0, 0, 0xffffffff);
    const loaded = loadGraphFile(files[0]);
    const analysis = analyzeGraph(loaded.graph);
    // The training section too: `train` would refuse the file, and check is the step before train.
    const training = parseTrainingSection(loaded.graph.training).problems.map((p) => `${loaded.file}: error in ${p.field}: ${p.message}`);
    const errors = analysis.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0 || training.length > 0) {
      const text = errors.map((d) => `${loaded.file}: error${d.node ? ` in node '${d.node}'` : ''}: ${d.message}`).concat(training).join('\n');
      throw new CliError(`${text}\n${loaded.file}: the file has errors; fix them before checking gradients.`);
    }
    const needed = gradCheckMemoryBytes(analysis, batch);
    const budget = defaultMemoryBudget();
    if (needed > budget) {
      throw new CliError(
        `${loaded.file}: the gradient check (float64, batch ${batch}) would need about ${formatBytes(needed)}, over the budget of ` +
          `${formatBytes(budget)} (half the free memory); shrink the input or the layers${batch > 1 ? ', or pass --batch 1' : ''}.`,
      );
    }
    let report: GradCheckReport;
    try {
      // On a terminal, a live "tensor i of N" line: a graph of thousands of nodes takes minutes and must not look frozen.
      const live = Boolean(process.stderr.isTTY);
      const onTensor = (i: number, total: number, name: string) => process.stderr.write(`\r\x1b[2K${terminalSafe(`checking tensor ${i + 1} of ${total}: ${name}`)}`);
      report = gradientCheck(loaded.graph, analysis, { batch, seed, onTensor: live ? onTensor : undefined });
      if (live) process.stderr.write('\r\x1b[2K'); // our own line clearing, not text
    } catch (err) {
      if (err instanceof ModelBuildError) throw new CliError(`${loaded.file}: ${err.message}`);
      throw err;
    }
    printOut(formatReport(report));
    return report.ok ? 0 : 1;
  },
};
