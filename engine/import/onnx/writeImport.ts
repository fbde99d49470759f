/**
 * Writes an imported model: the graph file (canonical form) and NAME.safetensors beside it. The weights go through the
 * same model build and checks as training's (every tensor present, with the shape the graph needs), and both files are
 * written atomically, the weights first, so a graph never appears without its weights.
 */
import { checkpointPaths } from '../../checkpoint/paths';
import { applyWeights, saveWeights } from '../../checkpoint/weights';
import { serializeGraph } from '../../graph/serialize';
import { writeFileAtomic } from '../../io/atomicWrite';
import { buildModel } from '../../model/model';
import { analyzeGraph } from '../../shape/analyze';
import type { ImportResult } from './importOnnx';
import { OnnxImportError } from './errors';

export interface WrittenImport {
  readonly graphFile: string;
  readonly weightsFile: string;
  readonly params: number;
  readonly nonTrainableParams: number;
}

export function writeImport(result: ImportResult, graphFile: string, source: string): WrittenImport {
  const analysis = analyzeGraph(result.graph);
  const error = analysis.diagnostics.find((d) => d.severity === 'error');
  if (error) throw new OnnxImportError(`the imported graph has an error (${error.node ? `node '${error.node}': ` : ''}${error.message})`);
  const model = buildModel(result.graph, analysis);
  const tensors = new Map([...result.weights].map(([k, v]) => [k, { shape: v.shape, data: v.data }]));
  applyWeights(model.params, { tensors, metadata: {} }, source);
  const weightsFile = checkpointPaths(graphFile).weights;
  saveWeights(weightsFile, model.params, { graph: result.graph.name, globalStep: 0 });
  writeFileAtomic(graphFile, serializeGraph(result.graph));
  return { graphFile, weightsFile, params: analysis.totals.trainableParams, nonTrainableParams: analysis.totals.nonTrainableParams };
}
