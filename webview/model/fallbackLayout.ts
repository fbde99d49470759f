/**
 * Positions for nodes the file does not place: layered by depth (longest path from an input) in file order, so a
 * file without a layout section still opens as a readable top-down picture. Nothing is written to the file until
 * the user moves something or runs Auto Layout.
 */
import type { Graph, NodePosition } from '../../engine/graph/types';

export const COLUMN = 230;
export const ROW = 120;

export function positionsFor(graph: Graph): Map<string, NodePosition> {
  const ids = graph.nodes.map((n) => n.id);
  const known = new Set(ids);
  const inputs = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const e of graph.edges) if (known.has(e.from) && known.has(e.to)) inputs.get(e.to)!.push(e.from);

  // Depth by repeated relaxation (bounded by the node count, so a cycle cannot loop forever).
  const depth = new Map<string, number>(ids.map((id) => [id, 0]));
  for (let round = 0, changed = true; changed && round < ids.length; round++) {
    changed = false;
    for (const id of ids) {
      const d = Math.max(0, ...inputs.get(id)!.map((i) => depth.get(i)! + 1));
      if (d !== depth.get(id)) depth.set(id, d), (changed = true);
    }
  }
  const rows = new Map<number, string[]>();
  for (const id of ids) rows.set(depth.get(id)!, [...(rows.get(depth.get(id)!) ?? []), id]);

  const out = new Map<string, NodePosition>();
  for (const id of ids) {
    const placed = graph.layout[id];
    if (placed) {
      out.set(id, placed);
      continue;
    }
    const row = rows.get(depth.get(id)!)!;
    const i = row.indexOf(id);
    out.set(id, { x: (i - (row.length - 1) / 2) * COLUMN, y: depth.get(id)! * ROW });
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
