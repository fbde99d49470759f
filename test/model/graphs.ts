/** Small graphs for the model tests, written as the file format writes them (attrs flat per node). */
import type { Graph, GraphEdge, GraphNode, JsonValue } from '../../engine/graph/types';
import { analyzeGraph } from '../../engine/shape/analyze';
import type { GraphAnalysis } from '../../engine/shape/types';

export type NodeSpec = { id: string; type: string } & Record<string, JsonValue>;

function toNode({ id, type, ...attrs }: NodeSpec): GraphNode {
  return { id, type, attrs };
}

/** A graph from nodes and edges ("a>b" strings, in order). */
export function graph(nodes: NodeSpec[], edges: string[]): Graph {
  const es: GraphEdge[] = edges.map((e) => {
    const [from, to] = e.split('>');
    return { from, to };
  });
  return { name: 'test', nodes: nodes.map(toNode), edges: es, layout: {} };
}

/** input → layers[0] → layers[1] → … with ids in0, n1, n2, … unless given. */
export function chain(inputShape: number[], layers: (Omit<NodeSpec, 'id'> & { id?: string })[]): Graph {
  const nodes: NodeSpec[] = [{ id: 'in', type: 'input', shape: inputShape }];
  layers.forEach((l, i) => nodes.push({ ...l, id: l.id ?? `n${i + 1}` } as NodeSpec));
  const edges = nodes.slice(1).map((n, i) => `${nodes[i].id}>${n.id}`);
  return graph(nodes, edges);
}

/** Analyzes and fails loudly when the graph has errors (a broken test fixture, not a model bug). */
export function analyzed(g: Graph): GraphAnalysis {
  const a = analyzeGraph(g);
  if (a.hasErrors) throw new Error(`fixture graph has errors: ${a.diagnostics.map((d) => `${d.node}: ${d.message}`).join('; ')}`);
  return a;
}

/** LeNet-5 as the issue specifies it, on 28×28×1. */
export function lenet5(): Graph {
  return chain([28, 28, 1], [
    { id: 'c1', type: 'conv2d', filters: 6, kernel: 5, padding: 2 },
    { id: 'r1', type: 'relu' },
    { id: 'p1', type: 'maxpool2d', kernel: 2 },
    { id: 'c2', type: 'conv2d', filters: 16, kernel: 5 },
    { id: 'r2', type: 'relu' },
    { id: 'p2', type: 'maxpool2d', kernel: 2 },
    { id: 'f1', type: 'dense', units: 120 },
    { id: 'r3', type: 'relu' },
    { id: 'f2', type: 'dense', units: 84 },
    { id: 'r4', type: 'relu' },
    { id: 'f3', type: 'dense', units: 10 },
  ]);
}
