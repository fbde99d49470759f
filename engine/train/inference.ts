/**
 * A trained graph ready for inference: the graph file read and analysed, the model built, the weights of
 * `NAME.safetensors` loaded into it. Shared by `wiregrad evaluate`, `wiregrad predict` and the extension.
 */
import type { Backend } from '../kernels/backend';
import path from 'node:path';
import { checkpointPaths } from '../checkpoint/paths';
import { applyWeights, readWeights, type WeightsFile } from '../checkpoint/weights';
import type { Normalization } from '../data/normalize';
import { parseGraphText } from '../graph/parse';
import type { Graph } from '../graph/types';
import { buildModel, type Model } from '../model/model';
import { analyzeGraph } from '../shape/analyze';
import { analyzedGraph } from '../shape/types';
import type { GraphAnalysis } from '../shape/types';
import { TrainingError } from './errors';
import { formatBytes, shapeAsWritten } from '../shape/format';
import { defaultMemoryBudget, estimateTrainingMemory } from './memory';
import { FileTooLargeError, readTextCapped } from '../io/readCapped';
import { NotRegularFileError } from '../io/regularFile';
import { parameterCount } from '../model/params';

export interface TrainedModel {
  readonly graph: Graph;
  readonly analysis: GraphAnalysis;
  readonly model: Model;
  readonly weights: WeightsFile;
  readonly weightsFile: string;
  /** The most samples one forward batch may hold within the memory budget (≥ 1). */
  readonly maxBatch: number;
  /** Whether the output node is a softmax (its values are already probabilities). */
  readonly outputsProbabilities: boolean;
}

export function loadTrainedModel(graphFile: string, memoryBudget = defaultMemoryBudget(), backend?: Backend): TrainedModel {
  let text: string;
  try {
    text = readTextCapped(graphFile);
  } catch (err) {
    if (err instanceof FileTooLargeError || err instanceof NotRegularFileError) throw new TrainingError(`cannot read ${err.message}`);
    const code = (err as NodeJS.ErrnoException).code;
    throw new TrainingError(`cannot read ${graphFile}: ${code === 'ENOENT' ? 'no such file' : code ?? String(err)}`);
  }
  return trainedModelFromText(text, checkpointPaths(path.resolve(graphFile)).weights, graphFile, memoryBudget, backend);
}

/**
 * The graph in `graphText` (its file named `graphFile` in messages) with the weights of `weightsFile`: for the
 * extension, which holds the text the run started with while the file on disk may have been edited since.
 */
export function trainedModelFromText(graphText: string, weightsFile: string, graphFile = 'the graph', memoryBudget = defaultMemoryBudget(), backend?: Backend): TrainedModel {
  const parsed = parseGraphText(graphText);
  if (!parsed.graph) {
    const first = parsed.problems.find((p) => p.severity === 'error');
    throw new TrainingError(`${graphFile}:${first?.range.line ?? 1}:${first?.range.column ?? 1}: ${first?.message ?? 'not a graph file'}`);
  }
  const graph = parsed.graph;
  const analysis = analyzeGraph(graph);
  if (analysis.hasErrors) {
    const first = analysis.diagnostics.find((d) => d.severity === 'error')!;
    throw new TrainingError(`${graphFile}: the graph has errors (${first.node ? `node '${first.node}': ` : ''}${first.message}); run wiregrad summary`);
  }
  const maxBatch = inferenceBatchLimit(analysis, memoryBudget);
  if (maxBatch < 1) {
    const one = estimateTrainingMemory(analysis, { batchSize: 1, optimizer: 'sgd' }).total;
    throw new TrainingError(
      `${graphFile}: running one sample through this graph would need about ${formatBytes(one)}, over the budget of ${formatBytes(memoryBudget)}; ` +
        `shrink the input (it is ${shapeAsWritten(analysis.byId.get(analysis.inputId!)?.outputShape ?? [])})`,
    );
  }
  const model = buildModel(graph, analysis, { backend });
  const weights = readWeights(weightsFile, parameterCount(model));
  applyWeights(model.params, weights, weightsFile);
  const outputNode = analyzedGraph(graph, analysis).nodes.find((n) => n.id === model.outputId);
  return { graph, analysis, model, weights, weightsFile, maxBatch, outputsProbabilities: outputNode?.type === 'softmax' };
}

/**
 * The same model with the weights now in `weightsFile` (a training run rewrites it every epoch): only the weights
 * are read again. The file is read whole before any tensor is replaced, so a checkpoint caught mid-write throws
 * and leaves the model's weights as they were.
 */
export function reloadWeights(trained: TrainedModel, weightsFile = trained.weightsFile): TrainedModel {
  const weights = readWeights(weightsFile, parameterCount(trained.model));
  applyWeights(trained.model.params, weights, weightsFile);
  return { ...trained, weights, weightsFile };
}

/**
 * Samples per forward batch that fit the budget, from the shape analysis (the training estimate for one sample, an
 * overestimate for inference since it counts gradients too): 0 when not even one does, so a graph with a
 * 65,536×65,536 input is refused with a figure instead of failing to allocate its input.
 */
export function inferenceBatchLimit(analysis: GraphAnalysis, budget: number): number {
  const one = estimateTrainingMemory(analysis, { batchSize: 1, optimizer: 'sgd' });
  const perSample = one.activations + one.workspace;
  const fixed = one.weights;
  return perSample > 0 ? Math.floor(Math.max(0, budget - fixed) / perSample) : Number.MAX_SAFE_INTEGER;
}

/** The normalisation the weights were trained with, as the data layer takes it. */
export function savedNormalization(weights: WeightsFile): Normalization | null {
  const n = weights.info.normalization;
  return n ? { mean: [...n.mean], std: [...n.std] } : null;
}

/** Softmax of one row of logits, computed stably (max subtracted). */
export function softmaxRow(logits: ArrayLike<number>): number[] {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i]);
  const exps = Array.from({ length: logits.length }, (_, i) => Math.exp(logits[i] - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

/** One output row as class probabilities: as is when the output node is a softmax, else softmaxed. */
export function probabilitiesOf(trained: Pick<TrainedModel, 'outputsProbabilities'>, output: ArrayLike<number>): number[] {
  return trained.outputsProbabilities ? Array.from(output) : softmaxRow(output);
}
