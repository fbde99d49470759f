/**
 * Graph builders for the tests: in-memory graphs (attrs flat per node, as the file format writes them), analysed
 * graphs, the bundled examples, and graph files (JSON) written to a temporary folder for the training tests.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Graph, GraphEdge, GraphNode, JsonValue } from '../../engine/graph/types';
import { parseGraphText } from '../../engine/graph/parse';
import { analyzeGraph } from '../../engine/shape/analyze';
import type { GraphAnalysis, NodeAnalysis } from '../../engine/shape/types';

/** One node as the file format writes it: id, type and its attrs flat beside them. */
export type NodeSpec = { id: string; type: string } & Record<string, JsonValue>;

/** The in-memory node for a spec (attrs gathered under `attrs`). */
export function nodeFromSpec(spec: NodeSpec): GraphNode {
  const { id, type, ...attrs } = spec;
  return { id, type, attrs };
}

/** A graph from nodes and edges, each edge either an "a>b" string or a [from, to] pair, in order. */
export function graphFromNodes(nodes: NodeSpec[], edges: ReadonlyArray<string | readonly [string, string]>): Graph {
  const es: GraphEdge[] = edges.map((e) => {
    const [from, to] = typeof e === 'string' ? e.split('>') : e;
    return { from, to };
  });
  return { name: 'test', nodes: nodes.map(nodeFromSpec), edges: es, layout: {} };
}

/** A graph whose nodes are connected one after another, in the order given. */
export function chainOfSpecs(...specs: NodeSpec[]): Graph {
  return {
    name: 'test',
    nodes: specs.map(nodeFromSpec),
    edges: specs.slice(1).map((s, i) => ({ from: specs[i].id, to: s.id })),
    layout: {},
  };
}

/** input (id "in", of the given shape) → layers[0] → layers[1] → … with ids n1, n2, … unless given. */
export function chainFromShape(inputShape: number[], layers: (Omit<NodeSpec, 'id'> & { id?: string })[]): Graph {
  const nodes: NodeSpec[] = [{ id: 'in', type: 'input', shape: inputShape }];
  layers.forEach((l, i) => nodes.push({ ...l, id: l.id ?? `n${i + 1}` } as NodeSpec));
  const edges = nodes.slice(1).map((n, i) => `${nodes[i].id}>${n.id}`);
  return graphFromNodes(nodes, edges);
}

/** Analyzes and fails loudly when the graph has errors (a broken test fixture, not a model bug). */
export function analyzedGraph(g: Graph): GraphAnalysis {
  const a = analyzeGraph(g);
  if (a.hasErrors) throw new Error(`fixture graph has errors: ${a.diagnostics.map((d) => `${d.node}: ${d.message}`).join('; ')}`);
  return a;
}

/** Analyses a chain of specs and returns the last node's analysis. */
export function lastNodeAnalysis(...specs: NodeSpec[]): NodeAnalysis {
  const a = analyzeGraph(chainOfSpecs(...specs));
  return a.byId.get(specs[specs.length - 1].id)!;
}

/** A bundled example (examples/<name>), parsed and analysed; throws when it does not parse. */
export function exampleGraph(name: string): { graph: Graph; analysis: GraphAnalysis } {
  const text = fs.readFileSync(path.join(__dirname, '..', '..', 'examples', name), 'utf8');
  const parsed = parseGraphText(text);
  if (!parsed.graph) throw new Error(`example ${name} does not parse: ${JSON.stringify(parsed.problems)}`);
  return { graph: parsed.graph, analysis: analyzeGraph(parsed.graph) };
}

/** LeNet-5 as the issue specifies it, on 28×28×1. */
export function lenet5Graph(): Graph {
  return chainFromShape([28, 28, 1], [
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

/** The JSON of a graph file (format wiregrad.graph), as the training tests write it. */
export interface GraphJson {
  readonly nodes: ReadonlyArray<Record<string, unknown>>;
  readonly [key: string]: unknown;
}

/** A graph file whose nodes are connected one after another, in the order given (edges derived, not repeated). */
export function graphJsonChain(name: string, nodes: ReadonlyArray<Record<string, unknown>>, training?: Record<string, unknown>): GraphJson {
  const edges = nodes.slice(1).map((n, i) => ({ from: nodes[i].id, to: n.id }));
  return { format: 'wiregrad.graph', version: 1, name, nodes, edges, ...(training ? { training } : {}) };
}

/** A small conv net file for MNIST digits: conv 4×3×3 → relu → maxpool → dense 10. */
export function tinyMnistGraphJson(training: Record<string, unknown>): GraphJson {
  return graphJsonChain(
    'tiny',
    [
      { id: 'input', type: 'input', shape: [28, 28, 1] },
      { id: 'conv', type: 'conv2d', filters: 4, kernel: 3, stride: 2 },
      { id: 'relu', type: 'relu' },
      { id: 'pool', type: 'maxpool2d', kernel: 2 },
      { id: 'out', type: 'dense', units: 10 },
    ],
    training,
  );
}

/** A small MLP file for the x² regression set: input [1] → dense 16 → tanh → dense 1. */
export function x2GraphJson(training: Record<string, unknown>): GraphJson {
  return graphJsonChain(
    'x2',
    [
      { id: 'input', type: 'input', shape: [1] },
      { id: 'hidden', type: 'dense', units: 16 },
      { id: 'act', type: 'tanh' },
      { id: 'out', type: 'dense', units: 1 },
    ],
    training,
  );
}

/** Writes a graph as JSON to a new temporary folder and returns the file's path. */
export function writeGraphFile(graph: object, name = 'tiny.nn.json'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wg-train-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, JSON.stringify(graph, null, 2));
  return file;
}
