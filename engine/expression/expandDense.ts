/**
 * The expression graph of a network's small dense node, with its weights: trained ones from NAME.safetensors beside
 * the graph when there are some, else the initial ones from the graph's seed (what training would start from).
 */
import { exportWeights } from '../export/weightsSource';
import type { Graph } from '../graph/types';
import { analyzeGraph } from '../shape/analyze';
import { denseAsGates, expandProblem } from './fromDense';

export function expandDenseNode(graphFile: string, graph: Graph, node: string): { readonly graph: Graph } | { readonly error: string } {
  const analysis = analyzeGraph(graph);
  const a = analysis.byId.get(node);
  if (!a) return { error: `There is no node '${node}'.` };
  const inputs = a.inputShapes[0] ? a.inputShapes[0].reduce((n, d) => n * d, 1) : null;
  const units = a.outputShape?.[0] ?? null;
  const problem = expandProblem(a.type, inputs, units);
  if (problem) return { error: problem };
  if (analysis.hasErrors) return { error: 'The network has errors; fix them first (its weights cannot be built).' };
  let weights;
  try {
    weights = exportWeights(graphFile, graph, analysis);
  } catch (err) {
    return { error: (err as Error).message };
  }
  const weight = weights.params.find((p) => p.node === node && p.name === 'weight');
  const bias = weights.params.find((p) => p.node === node && p.name === 'bias') ?? null;
  if (!weight) return { error: `'${node}' has no weight tensor.` };
  const source = weights.source === 'fresh' ? 'initial weights (from the graph\'s seed: it is not trained yet)' : weights.description;
  return { graph: denseAsGates({ node, inputs: inputs!, units: units!, weight: weight.value, bias: bias?.value ?? null, source }, graph.name) };
}
