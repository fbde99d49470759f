/**
 * Content comparisons of two graphs, for skipping work when a new graph object says what the shown one says: the
 * document VS Code sends back after an edit the canvas already drew (the same applyIntent ran on both sides), or
 * a text edit that moved no node. Node objects that are the same object are not looked into.
 */
import type { Graph, GraphEdge, GraphNode, NodePosition } from '../../engine/graph/types';

function sameNode(a: GraphNode, b: GraphNode): boolean {
  return a === b || (a.id === b.id && a.type === b.type && a.label === b.label && JSON.stringify(a.attrs) === JSON.stringify(b.attrs));
}

function sameEdges(a: readonly GraphEdge[], b: readonly GraphEdge[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i].from !== b[i].from || a[i].to !== b[i].to) return false;
  return true;
}

function sameLayout(a: Readonly<Record<string, NodePosition>>, b: Readonly<Record<string, NodePosition>>): boolean {
  if (a === b) return true;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const k of keys) {
    const p = a[k];
    const q = Object.hasOwn(b, k) ? b[k] : undefined;
    if (!q || p.x !== q.x || p.y !== q.y) return false;
  }
  return true;
}

/** Whether the canvas would place every node of `b` where it places those of `a` (ids in order, edges, layout). */
export function samePlacement(a: Graph, b: Graph): boolean {
  if (a.nodes.length !== b.nodes.length) return false;
  for (let i = 0; i < a.nodes.length; i++) if (a.nodes[i].id !== b.nodes[i].id) return false;
  return sameEdges(a.edges, b.edges) && sameLayout(a.layout, b.layout);
}

/** Whether two graphs say the same thing: every field of the format, nodes and edges in order. */
export function sameGraph(a: Graph, b: Graph): boolean {
  if (a === b) return true;
  if (a.kind !== b.kind || a.name !== b.name || a.description !== b.description || a.output !== b.output) return false;
  if (JSON.stringify(a.training) !== JSON.stringify(b.training)) return false;
  // A module definition edit changes no node of the file but every use's numbers (a few lines of JSON to compare).
  if (a.modules !== b.modules && JSON.stringify(a.modules) !== JSON.stringify(b.modules)) return false;
  if (!samePlacement(a, b)) return false;
  for (let i = 0; i < a.nodes.length; i++) if (!sameNode(a.nodes[i], b.nodes[i])) return false;
  return true;
}
