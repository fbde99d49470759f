/**
 * The weights an export writes, and where they came from: `--weights FILE`, else the trained `NAME.safetensors` beside
 * the graph, else freshly initialised ones from the graph's training seed (the same weights `wiregrad train` would
 * start from). The description says which, so the user is never unsure whether an exported model is trained.
 */
import fs from 'node:fs';
import path from 'node:path';
import { checkpointPaths } from '../checkpoint/paths';
import { applyWeights, readWeights, type WeightsInfo } from '../checkpoint/weights';
import type { Graph } from '../graph/types';
import { buildModel } from '../model/model';
import type { ParamTensor } from '../model/params';
import type { GraphAnalysis } from '../shape/types';
import { resolveTrainingConfig } from '../train/config';
import { parameterCount } from '../model/params';

export interface ExportWeights {
  /** Every parameter tensor in wiregrad's layout, in topological node order. */
  readonly params: readonly ParamTensor[];
  readonly source: 'given' | 'trained' | 'fresh';
  /** One line for the user: "trained weights from lenet5.safetensors", "freshly initialised weights (seed 42)…". */
  readonly description: string;
  /** What the weights file says besides the tensors (class names, input normalisation); absent for fresh weights. */
  readonly info?: WeightsInfo;
}

/** Throws CheckpointError (a file that does not fit the graph) or ModelBuildError, each with a message for the user. */
export function exportWeights(graphFile: string, graph: Graph, analysis: GraphAnalysis, weightsFile?: string): ExportWeights {
  const { seed, outputInitScale } = resolveTrainingConfig(graph.training).config;
  const model = buildModel(graph, analysis, { seed, outputInitScale });
  const beside = checkpointPaths(path.resolve(graphFile)).weights;
  const file = weightsFile ?? (fs.existsSync(beside) ? beside : null);
  if (!file) {
    return {
      params: model.params,
      source: 'fresh',
      description: `freshly initialised weights (seed ${seed}): there is no ${path.basename(beside)} beside the graph; train it first or pass --weights FILE to export trained ones`,
    };
  }
  const weights = readWeights(file, parameterCount(model));
  applyWeights(model.params, weights, file);
  return {
    params: model.params,
    source: weightsFile ? 'given' : 'trained',
    description: `${weightsFile ? 'weights' : 'trained weights'} from ${path.basename(file)} (${weights.info.globalStep} update${weights.info.globalStep === 1 ? '' : 's'})`,
    info: weights.info,
  };
}
