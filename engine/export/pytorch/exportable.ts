/**
 * A graph checked for export: analysed without errors, one input, one output, every node's block mapped. Both the
 * model generator and the weights converter start from this, so they agree on names and flatten orders.
 */
import { isExpressionGraph, type Graph } from '../../graph/types';
import { analyzeGraph } from '../../shape/analyze';
import { analyzedGraph } from '../../shape/types';
import type { GraphAnalysis, NodeAnalysis } from '../../shape/types';
import { flattenPlan, type FlattenPlan } from './tensorLayout';
import { entryFor } from '../../blocks/registry';
import type { PytorchMapping, PytorchNode } from '../../blocks/core/exportMapping';
import { pythonNames } from './names';

/** The graph cannot be exported; the message says which node and what to do. */
export class ExportError extends Error {}

export interface ExportableNode extends PytorchNode {
  readonly mapping: PytorchMapping;
}

export interface ExportableGraph {
  readonly graph: Graph;
  readonly analysis: GraphAnalysis;
  readonly plan: FlattenPlan;
  /** In topological order, the input first. */
  readonly nodes: readonly ExportableNode[];
  readonly input: NodeAnalysis;
  readonly output: NodeAnalysis;
  readonly names: ReadonlyMap<string, string>;
}

export function exportableGraph(fileGraph: Graph, analysis: GraphAnalysis = analyzeGraph(fileGraph)): ExportableGraph {
  // A graph that uses modules exports expanded: one module attribute per inner node (l2b0/conv1 → l2b0_conv1).
  const graph = analyzedGraph(fileGraph, analysis);
  if (isExpressionGraph(graph)) {
    throw new ExportError(`${graph.name}: an expression graph (the backprop lab) is not a network to export; \`wiregrad grad\` evaluates it`);
  }
  const errors = analysis.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    const first = errors[0];
    throw new ExportError(
      `${graph.name}: the graph has ${errors.length} error${errors.length === 1 ? '' : 's'} (first: ${first.node ? `node '${first.node}': ` : ''}${first.message}); fix ${errors.length === 1 ? 'it' : 'them'} before exporting (wiregrad summary lists them)`,
    );
  }
  if (!analysis.inputId) throw new ExportError(`${graph.name}: the graph needs exactly one input node to export`);
  if (analysis.outputIds.length !== 1) {
    throw new ExportError(`${graph.name}: the graph has ${analysis.outputIds.length} outputs (${analysis.outputIds.join(', ')}); an exported model returns one: remove or connect the others`);
  }
  const unsupported = analysis.order.filter((id) => !entryFor(analysis.byId.get(id)!.type)?.pytorch);
  if (unsupported.length > 0) {
    const list = unsupported.map((id) => `'${id}' (${analysis.byId.get(id)!.type})`).join(', ');
    throw new ExportError(`${graph.name}: no PyTorch equivalent yet for ${list}; replace ${unsupported.length === 1 ? 'it' : 'them'} or export to ONNX`);
  }
  const names = pythonNames(analysis);
  const plan = flattenPlan(graph, analysis);
  const nodes = analysis.order.map((id): ExportableNode => {
    const node = analysis.byId.get(id)!;
    const inputs = graph.edges.filter((e) => e.to === id).map((e) => names.get(e.from)!);
    return { node, name: names.get(id)!, inputs, flatten: plan.order.get(id), mapping: entryFor(node.type)!.pytorch! };
  });
  return {
    graph,
    analysis,
    plan,
    nodes,
    input: analysis.byId.get(analysis.inputId)!,
    output: analysis.byId.get(analysis.outputIds[0])!,
    names,
  };
}

/** A wiregrad shape as PyTorch sees a batch of it: [H, W, C] → [N, C, H, W], [n] → [N, n]. */
export function torchShape(shape: readonly number[]): string {
  return shape.length === 3 ? `[N, ${shape[2]}, ${shape[0]}, ${shape[1]}]` : `[N, ${shape.join(', ')}]`;
}
