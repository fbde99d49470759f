/**
 * `wiregrad export FILE --to pytorch`: writes a folder (default NAME.pytorch/ beside the graph) holding model.py,
 * weights.safetensors (PyTorch layouts), train.py (the graph's training section, torchrun-ready), verify.py with the
 * batch and outputs it checks, and the data set's files when it has one. Every file is written atomically and is a
 * function of the graph and the weights only, so the same inputs give byte-identical files.
 */
import fs from 'node:fs';
import path from 'node:path';
import { encodeSafetensors } from '../../checkpoint/safetensors';
import { parseGraphText } from '../../graph/parse';
import type { Graph } from '../../graph/types';
import { writeFileAtomic } from '../../io/atomicWrite';
import { FileTooLargeError, readTextCapped } from '../../io/readCapped';
import { buildModel } from '../../model/model';
import type { ParamTensor } from '../../model/params';
import { Rng } from '../../random/rng';
import { resolveTrainingConfig } from '../../train/config';
import { encodeNpy, toNchw } from '../npy';
import { exportWeights, type ExportWeights } from '../weightsSource';
import { ExportError, exportableGraph, type ExportableGraph } from './exportable';
import { finalActivation, generateModelPy } from './modelPy';
import { torchStateDict } from './stateDict';
import { generateVerifyPy } from './verifyPy';
import { exportTraining } from './exportTraining';

export interface PytorchExportOptions {
  /** The `*.nn.json` graph. */
  readonly graphFile: string;
  /** Output folder (default NAME.pytorch/ beside the graph). */
  readonly outDir?: string;
  /** Weights to export (default NAME.safetensors beside the graph, if it exists). */
  readonly weightsFile?: string;
  /** The weights, already chosen and loaded (engine/export/weightsSource.ts); wins over weightsFile. */
  readonly weights?: ExportWeights;
  /** Folder of wiregrad's bundled data files, when not beside the bundle. */
  readonly dataDir?: string;
  /** Told as each step starts ("weights", "weights.safetensors"…), for a progress display. */
  readonly onStep?: (step: string) => void;
}

export interface PytorchExportResult {
  readonly outDir: string;
  /** Files written, relative to outDir, in the order written. */
  readonly files: readonly string[];
  /** Where the weights came from, in one line ("trained weights from lenet5.safetensors (1,900 updates)"…). */
  readonly weights: string;
  /** Things the user should know (fresh weights, no data set…), one sentence each. */
  readonly notes: readonly string[];
}

export async function exportPytorch(options: PytorchExportOptions): Promise<PytorchExportResult> {
  const graphFile = path.resolve(options.graphFile);
  const graph = readGraph(graphFile);
  const g = exportableGraph(graph);
  const config = resolveTrainingConfig(graph.training).config;
  const step = options.onStep ?? (() => {});
  step('weights');
  const weights = options.weights ?? exportWeights(graphFile, graph, g.analysis, options.weightsFile && path.resolve(options.weightsFile));
  const base = path.basename(graphFile).replace(/\.nn\.json$|\.json$/i, '');
  const outDir = path.resolve(options.outDir ?? path.join(path.dirname(graphFile), `${base}.pytorch`));
  const notes: string[] = weights.source === 'fresh' ? [`weights.safetensors holds ${weights.description}`] : [];
  try {
    fs.mkdirSync(outDir, { recursive: true });
  } catch (err) {
    throw new ExportError(`cannot create the folder ${outDir}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  const files: string[] = [];
  const write = (name: string, content: string | Uint8Array) => {
    step(name);
    const target = path.join(outDir, name);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    writeFileAtomic(target, content);
    files.push(name);
  };
  write('model.py', generateModelPy(g, { sourceFile: path.basename(graphFile) }));
  step('PyTorch layouts');
  const tensors = new Map(weights.params.map((p) => [p.key, { data: p.value }]));
  write('weights.safetensors', encodeSafetensors(torchStateDict(g, tensors, weights.info?.globalStep ?? 0)));
  step('the verification batch');
  const verification = verificationBatch(g, weights.params, config.seed);
  write('verify_input.npy', verification.input);
  write('verify_output.npy', verification.output);
  if (verification.logits) write('verify_logits.npy', verification.logits);
  write('verify.py', generateVerifyPy(g, verification.logits !== null));
  step('the training script and data');
  const training = await exportTraining(g, { graphFile, outDir, dataDir: options.dataDir });
  for (const [name, content] of training.files) write(name, content);
  notes.push(...training.notes);
  return { outDir, files, weights: weights.description, notes };
}

function readGraph(graphFile: string): Graph {
  let text: string;
  try {
    text = readTextCapped(graphFile);
  } catch (err) {
    if (err instanceof FileTooLargeError) throw new ExportError(`cannot read ${err.message}`);
    const code = (err as NodeJS.ErrnoException).code;
    throw new ExportError(`cannot read ${graphFile}: ${code === 'ENOENT' ? 'no such file' : code ?? String(err)}`);
  }
  const parsed = parseGraphText(text);
  if (!parsed.graph) {
    const first = parsed.problems.find((p) => p.severity === 'error');
    throw new ExportError(`${graphFile}:${first?.range.line ?? 1}:${first?.range.column ?? 1}: ${first?.message ?? 'not a graph file'}`);
  }
  return parsed.graph;
}

/**
 * The batch verify.py checks: random inputs from the graph's seed (two samples, or one above 64×64×3: VGG's
 * 224×224×3 costs seconds per sample here) and wiregrad's outputs for them, computed in float64 with the exported
 * (float32) weights, so the comparison measures whether PyTorch computes the same function, not how two float32
 * engines order their sums (VGG-16's 25,088-long dot products differ by ~1e-5 in float32 alone).
 */
function verificationBatch(g: ExportableGraph, params: readonly ParamTensor[], seed: number) {
  const inputShape = g.input.outputShape!;
  const size = inputShape.reduce((a, b) => a * b, 1);
  const batch = size > 64 * 64 * 3 ? 1 : 2;
  const rng = new Rng(seed);
  const x = new Float64Array(batch * size);
  for (let i = 0; i < x.length; i++) x[i] = Math.fround(rng.normal());
  const exact = buildModel(g.graph, g.analysis, { dtype: 'float64', seed, skipWeightInit: true });
  exact.params.forEach((p, i) => p.value.set(params[i].value));
  const output = exact.forward(x, batch, 'eval').slice();
  const softmaxInput = finalActivation(g)?.input;
  const logits = softmaxInput ? exact.activation(softmaxInput) : null;
  const asNpy = (values: Float32Array | Float64Array, shape: readonly number[]) => {
    const laid = toNchw(Float64Array.from(values), batch, shape);
    return encodeNpy(laid.data, laid.shape);
  };
  const inNchw = toNchw(Float32Array.from(x), batch, inputShape);
  return {
    input: encodeNpy(inNchw.data, inNchw.shape),
    output: asNpy(output, g.output.outputShape!),
    logits: logits ? asNpy(logits, g.analysis.byId.get(softmaxInput!)!.outputShape!) : null,
  };
}
