/** `wiregrad export --to onnx`: the graph and its weights as one NAME.onnx file, written atomically. */
import { writeFileAtomic } from '../../io/atomicWrite';
import type { Graph } from '../../graph/types';
import type { GraphAnalysis } from '../../shape/types';
import type { ExportWeights } from '../weightsSource';
import { buildOnnxModel, encodeOnnx } from './exportOnnx';
import type { ParamData } from './mapping';

/** The model's bytes: the weights' class names and input normalisation travel in metadata_props. */
export function onnxBytes(graph: Graph, analysis: GraphAnalysis, weights: ExportWeights): Uint8Array {
  const map = new Map<string, ParamData>(weights.params.map((p) => [p.key, { shape: p.shape, data: p.value }]));
  const metadata: Record<string, string> = { 'wiregrad.weights': weights.source };
  if (weights.info?.classNames) metadata['wiregrad.classNames'] = JSON.stringify(weights.info.classNames);
  if (weights.info?.normalization) metadata['wiregrad.normalization'] = JSON.stringify(weights.info.normalization);
  const docString = `Exported by wiregrad from the graph "${graph.name}" with ${weights.description.split(':')[0]}. The input is NCHW float32.`;
  return encodeOnnx(buildOnnxModel(graph, analysis, { weights: map, docString, metadata }));
}

export function writeOnnx(file: string, graph: Graph, analysis: GraphAnalysis, weights: ExportWeights): number {
  const bytes = onnxBytes(graph, analysis, weights);
  writeFileAtomic(file, bytes);
  return bytes.length;
}
