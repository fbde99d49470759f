/**
 * `wiregrad export FILE --to TARGET [--out PATH] [--weights W.safetensors]`: hands a graph and its weights to another
 * engine. One entry per target below; each writes its files atomically and returns what it wrote.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CheckpointError } from '../../engine/checkpoint/errors';
import { OnnxExportError } from '../../engine/export/onnx/mapping';
import { writeOnnx } from '../../engine/export/onnx/writeOnnx';
import { ExportError } from '../../engine/export/pytorch/exportable';
import { exportPytorch } from '../../engine/export/pytorch/exportPytorch';
import { DataError } from '../../engine/data/errors';
import { TrainingError } from '../../engine/train/errors';
import { exportWeights, type ExportWeights } from '../../engine/export/weightsSource';
import type { Graph } from '../../engine/graph/types';
import { ModelBuildError } from '../../engine/model/model';
import { analyzeGraph } from '../../engine/shape/analyze';
import { diagramSvg, DIAGRAM_STYLES, type DiagramStyle } from '../../engine/export/diagram/diagramSvg';
import { diagramFileName, writeDiagram } from '../../engine/export/diagram/diagramFile';
import { DIAGRAM_THEMES, type DiagramTheme } from '../../engine/export/diagram/theme';
import type { GraphAnalysis } from '../../engine/shape/types';
import { CliError } from '../errors';
import { loadGraphFile } from '../loadGraph';
import type { Command } from './command';
import { parseArgs } from '../args';
import { printErr, printOut } from '../terminalText';

interface ExportJob {
  readonly graphFile: string;
  readonly graph: Graph;
  readonly analysis: GraphAnalysis;
  readonly weights: ExportWeights;
  /** Where to write (the file or folder the target makes). */
  readonly out: string;
}

interface ExportTarget {
  /** One line for the usage text. */
  readonly doc: string;
  /** Default output beside the graph, from its base name (`lenet5`). */
  defaultOut(dir: string, base: string): string;
  /** Writes the export; returns one line per file written. */
  write(job: ExportJob): string[] | Promise<string[]>;
}

const TARGETS: Readonly<Record<string, ExportTarget>> = {
  onnx: {
    doc: 'NAME.onnx: opset 17, input "input" [N, C, H, W] (or [N, n]), weights as initializers',
    defaultOut: (dir, base) => path.join(dir, `${base}.onnx`),
    write(job) {
      const bytes = writeOnnx(job.out, job.graph, job.analysis, job.weights);
      return [`${shown(job.out)} (${bytes.toLocaleString('en-US')} bytes)`];
    },
  },
  pytorch: {
    doc: 'NAME.pytorch/: model.py, weights.safetensors (PyTorch layouts), train.py (torchrun-ready), verify.py, data/',
    defaultOut: (dir, base) => path.join(dir, `${base}.pytorch`),
    async write(job) {
      const result = await exportPytorch({ graphFile: job.graphFile, outDir: job.out, weights: job.weights });
      notes.push(...result.notes.filter((n) => !n.startsWith('weights.safetensors holds')));
      return result.files.map((f) => shown(path.join(result.outDir, f)));
    },
  },
};

/** `--to svg`: a picture of the design; no weights, and a graph with errors is drawn with its problems. */
function exportDiagram(file: string, values: ReadonlyMap<string, string>): number {
  const style = values.get('--style') ?? 'screen';
  const theme = values.get('--theme') ?? 'light';
  if (!DIAGRAM_STYLES.includes(style as DiagramStyle)) throw new CliError(`unknown --style '${style}': use ${DIAGRAM_STYLES.join(' or ')}.`);
  if (!DIAGRAM_THEMES.includes(theme as DiagramTheme)) throw new CliError(`unknown --theme '${theme}': use ${DIAGRAM_THEMES.join(' or ')}.`);
  const loaded = loadGraphFile(file);
  const graphFile = path.resolve(loaded.file);
  const out = path.resolve(values.get('--out') ?? diagramFileName(graphFile, style as DiagramStyle, theme as DiagramTheme, 'svg'));
  if (!fs.existsSync(path.dirname(out))) throw new CliError(`cannot write ${shown(out)}: the folder ${shown(path.dirname(out))} does not exist.`);
  const analysis = analyzeGraph(loaded.graph);
  const { svg, width, height } = diagramSvg(loaded.graph, analysis, { style: style as DiagramStyle, theme: theme as DiagramTheme });
  const bytes = writeDiagram(out, svg);
  printOut(`Wrote ${shown(out)} (${width}×${height}, ${bytes.toLocaleString('en-US')} bytes)\n`);
  const errors = analysis.diagnostics.filter((d) => d.severity === 'error').length;
  if (errors) printErr(`Note: the graph has ${errors} error${errors === 1 ? '' : 's'}; the picture shows ${errors === 1 ? 'it' : 'them'} on the nodes.\n`);
  return 0;
}

/** Notes of an export the user should read (fresh weights, no data set for train.py). */
const notes: string[] = [];

function shown(file: string): string {
  return path.relative(process.cwd(), file) || file;
}

export const exportCommand: Command = {
  summary: 'write a graph and its weights for another engine (ONNX, PyTorch), or its picture (SVG)',
  usage: `Usage: wiregrad export FILE --to TARGET [--out PATH] [--weights W.safetensors]
       wiregrad export FILE --to svg [--style screen|paper] [--theme light|dark] [--out PATH]

Writes the graph with its weights for another engine. Targets:
${Object.entries(TARGETS)
  .map(([name, t]) => `  ${name.padEnd(8)} ${t.doc}`)
  .join('\n')}
The weights are W.safetensors (--weights), else the trained NAME.safetensors beside the graph, else freshly
initialised ones from the graph's training seed (the export says which).
  --out PATH   where to write (default: beside the graph)
  svg      NAME.svg (NAME.paper.svg, NAME.dark.svg, NAME.paper.dark.svg): a picture of the design, the cards
           as the canvas places them (--style screen, the default) or a compact left-to-right figure with
           the shapes on the arrows (--style paper); --theme light (default) or dark

Exit status: 0 written, 1 the graph or the weights cannot be exported, 2 bad usage or unreadable file.`,
  async run(argv) {
    const args = parseArgs(argv, ['--to', '--out', '--weights', '--style', '--theme'], [], 'export');
    if (args.positional.length !== 1) throw new CliError(`export takes one FILE, got ${args.positional.length}.\n\n${this.usage}`);
    const to = args.values.get('--to');
    const targets = [...Object.keys(TARGETS), 'svg'].join(', ');
    if (!to) throw new CliError(`export needs --to TARGET (${targets}).`);
    if (to === 'svg') {
      if (args.values.has('--weights')) throw new CliError('--weights does not apply to --to svg (a picture has no weights).');
      return exportDiagram(args.positional[0], args.values);
    }
    if (args.values.has('--style') || args.values.has('--theme')) throw new CliError('--style and --theme apply to --to svg only.');
    const target = TARGETS[to];
    if (!target) throw new CliError(`unknown export target '${to}': use ${targets}.`);
    const weightsArg = args.values.get('--weights');
    if (weightsArg !== undefined && !fs.existsSync(weightsArg)) throw new CliError(`cannot read ${weightsArg}: no such file.`);

    const loaded = loadGraphFile(args.positional[0]);
    const graphFile = path.resolve(loaded.file);
    const analysis = analyzeGraph(loaded.graph);
    const firstError = analysis.diagnostics.find((d) => d.severity === 'error');
    if (firstError) {
      throw new CliError(`${shown(graphFile)}: the graph has errors (${firstError.node ? `node '${firstError.node}': ` : ''}${firstError.message}); run wiregrad summary.`, 1);
    }
    const base = path.basename(graphFile).replace(/\.nn\.json$|\.json$/i, '');
    const out = path.resolve(args.values.get('--out') ?? target.defaultOut(path.dirname(graphFile), base));
    if (!fs.existsSync(path.dirname(out))) throw new CliError(`cannot write ${shown(out)}: the folder ${shown(path.dirname(out))} does not exist.`);
    try {
      const weights = exportWeights(graphFile, loaded.graph, analysis, weightsArg && path.resolve(weightsArg));
      printErr(`Weights: ${weights.description}.\n`);
      for (const line of await target.write({ graphFile, graph: loaded.graph, analysis, weights, out })) printOut(`Wrote ${line}\n`);
      for (const note of notes) printErr(`Note: ${note}.\n`);
      return 0;
    } catch (err) {
      if (err instanceof OnnxExportError || err instanceof CheckpointError || err instanceof ModelBuildError) throw new CliError(err.message, 1);
      if (err instanceof ExportError || err instanceof DataError || err instanceof TrainingError) throw new CliError(err.message, 1);
      throw err;
    }
  },
};
