/**
 * serializeGraph's canonical text, faster on repeated edits: each node's line is cached by the node object (intents
 * keep unchanged nodes as the same objects), so re-serializing a 500-node graph after one attribute edit formats
 * one node instead of 500. The rest of the file comes from serializeGraph itself, so the two cannot drift; a test
 * checks the result equals serializeGraph on every example and on random edits.
 */
import { inlineJson, nodeToJson, serializeGraph } from '../../engine/graph/serialize';
import type { Graph, GraphNode } from '../../engine/graph/types';

const nodeLines = new WeakMap<GraphNode, string>();

function nodeLine(node: GraphNode): string {
  let line = nodeLines.get(node);
  if (line === undefined) nodeLines.set(node, (line = inlineJson(nodeToJson(node))));
  return line;
}

/** The placeholder node list that marks where the node lines go in the skeleton. */
const MARK = '"nodes": []';

export function canonicalText(graph: Graph): string {
  if (graph.nodes.length === 0) return serializeGraph(graph);
  const skeleton = serializeGraph({ ...graph, nodes: [] });
  const at = skeleton.indexOf(MARK);
  if (at < 0 || skeleton.indexOf(MARK, at + 1) >= 0) return serializeGraph(graph);
  const block = `"nodes": [\n${graph.nodes.map((n) => `    ${nodeLine(n)}`).join(',\n')}\n  ]`;
  return skeleton.slice(0, at) + block + skeleton.slice(at + MARK.length);
}
