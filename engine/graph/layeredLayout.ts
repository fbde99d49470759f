/**
 * A simple layered layout for graphs made outside the editor (an ONNX import): each node one row below the deepest of
 * its inputs (longest path from the input), rows centred, nodes in a row in file order. The editor's elk layout can
 * redo it; this one only has to be readable without it.
 */
import type { GraphEdge, GraphNode, NodePosition } from './types';

const ROW_HEIGHT = 110;
const COLUMN_WIDTH = 220;

export function layeredLayout(nodes: readonly GraphNode[], edges: readonly GraphEdge[]): Record<string, NodePosition> {
  const depth = new Map<string, number>();
  const inputsOf = new Map<string, string[]>();
  for (const e of edges) inputsOf.set(e.to, [...(inputsOf.get(e.to) ?? []), e.from]);
  // Nodes arrive in topological order from the importer; a node whose input comes later is placed on row 0.
  for (const n of nodes) depth.set(n.id, Math.max(-1, ...(inputsOf.get(n.id) ?? []).map((i) => depth.get(i) ?? -1)) + 1);
  const rows = new Map<number, string[]>();
  for (const n of nodes) rows.set(depth.get(n.id)!, [...(rows.get(depth.get(n.id)!) ?? []), n.id]);
  const layout: Record<string, NodePosition> = {};
  for (const [row, ids] of rows) {
    ids.forEach((id, i) => {
      layout[id] = { x: Math.round((i - (ids.length - 1) / 2) * COLUMN_WIDTH), y: row * ROW_HEIGHT };
    });
  }
  return layout;
}
