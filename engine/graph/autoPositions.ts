/**
 * Positions for nodes the file does not place: layered by depth (longest path from an input) in file order, so a
 * file without a layout section still opens as a readable top-down picture (on the canvas and in the diagram
 * export). Nothing is written to the file until the user moves something or runs Auto Layout.
 */
import type { Graph, NodePosition } from './types';

export const COLUMN = 230;
export const ROW = 120;

export function positionsFor(graph: Graph): Map<string, NodePosition> {
  const out = new Map<string, NodePosition>();
  const unplaced = graph.nodes.filter((n) => !graph.layout[n.id]);
  for (const n of graph.nodes) if (graph.layout[n.id]) out.set(n.id, graph.layout[n.id]);
  if (unplaced.length === 0) return out;

  // Depth = longest path from a source, in topological order (Kahn); nodes on a cycle keep depth 0.
  const ids = graph.nodes.map((n) => n.id);
  const known = new Set(ids);
  const outputs = new Map<string, string[]>(ids.map((id) => [id, []]));
  const indegree = new Map<string, number>(ids.map((id) => [id, 0]));
  for (const e of graph.edges) {
    if (!known.has(e.from) || !known.has(e.to)) continue;
    outputs.get(e.from)!.push(e.to);
    indegree.set(e.to, indegree.get(e.to)! + 1);
  }
  const depth = new Map<string, number>(ids.map((id) => [id, 0]));
  const queue = ids.filter((id) => indegree.get(id) === 0);
  for (let head = 0; head < queue.length; head++) {
    const id = queue[head];
    for (const next of outputs.get(id)!) {
      depth.set(next, Math.max(depth.get(next)!, depth.get(id)! + 1));
      indegree.set(next, indegree.get(next)! - 1);
      if (indegree.get(next) === 0) queue.push(next);
    }
  }
  const rows = new Map<number, string[]>();
  for (const id of ids) {
    const row = rows.get(depth.get(id)!);
    if (row) row.push(id);
    else rows.set(depth.get(id)!, [id]);
  }
  for (const n of unplaced) {
    const row = rows.get(depth.get(n.id)!)!;
    const i = row.indexOf(n.id);
    out.set(n.id, { x: (i - (row.length - 1) / 2) * COLUMN, y: depth.get(n.id)! * ROW });
  }
  return out;
}

/** Whether the picture reads left-to-right (edges mostly horizontal), so handles go on the sides. */
export function isHorizontal(graph: Graph, positions: ReadonlyMap<string, NodePosition>): boolean {
  let dx = 0;
  let dy = 0;
  for (const e of graph.edges) {
    const a = positions.get(e.from);
    const b = positions.get(e.to);
    if (!a || !b) continue;
    dx += Math.abs(b.x - a.x);
    dy += Math.abs(b.y - a.y);
  }
  return dx > 1.5 * dy;
}
