/** Small builders for test graphs. */
import type { Graph, GraphNode, JsonValue } from '../../engine/graph/types';
import { analyzeGraph } from '../../engine/shape/analyze';
import type { GraphAnalysis, NodeAnalysis } from '../../engine/shape/types';
import fs from 'node:fs';
import path from 'node:path';
import { parseGraphText } from '../../engine/graph/parse';

export type Spec = { id: string; type: string; [attr: string]: JsonValue };

export function node(spec: Spec): GraphNode {
  const { id, type, ...attrs } = spec;
  return { id, type, attrs };
}

/** A graph whose nodes are connected one after another, in the order given. */
export function chain(...specs: Spec[]): Graph {
  return {
    name: 'test',
    nodes: specs.map(node),
    edges: specs.slice(1).map((s, i) => ({ from: specs[i].id, to: s.id })),
    layout: {},
  };
}

export function graph(specs: Spec[], edges: [string, string][]): Graph {
  return { name: 'test', nodes: specs.map(node), edges: edges.map(([from, to]) => ({ from, to })), layout: {} };
}

/** Analyses a chain and returns the last node's analysis. */
export function last(...specs: Spec[]): NodeAnalysis {
  const a = analyzeGraph(chain(...specs));
  return a.byId.get(specs[specs.length - 1].id)!;
}

export function loadExample(name: string): { graph: Graph; analysis: GraphAnalysis } {
  const text = fs.readFileSync(path.join(__dirname, '..', '..', 'examples', name), 'utf8');
  const parsed = parseGraphText(text);
  if (!parsed.graph) throw new Error(`example ${name} does not parse: ${JSON.stringify(parsed.problems)}`);
  return { graph: parsed.graph, analysis: analyzeGraph(parsed.graph) };
}
