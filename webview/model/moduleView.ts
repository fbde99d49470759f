/**
 * Module uses on the canvas. Collapsed, a use is one card: its output shape and params in total (the engine's
 * collapsed analysis), and a badge for the problems inside it, each named by its path (l2b0/conv1). Expanded in
 * place, the card becomes a group frame at the same place, labelled by the use's id and module, holding a card per
 * node of its expansion laid out as the canvas lays out a graph (ids are the paths, so the texts and tests address
 * them as any card). The frame is a node of its own: dragging it moves the use, and its cards move with it. Pure:
 * the canvas adds these nodes to what FlowModel builds.
 */
import type { Node } from '@xyflow/react';
import { blockFor } from '../../engine/blocks/specs';
import { isModuleUse, type Graph, type NodePosition } from '../../engine/graph/types';
import type { Diagnostic } from '../../engine/shape/diagnostics';
import type { GraphAnalysis } from '../../engine/shape/types';
import type { CardData, CardKey, CardNode, ShapeEdge } from './flowModel';
import { COLUMN, ROW, positionsFor } from './fallbackLayout';
import { keyAttributes, paramsText, shapeText } from './labels';
import { frameName, innerCardName } from '../canvas/nodeSearch';

/** Where a flat node id belongs on the canvas: the top-level use holding it (the first segment of its path). */
export function cardOf(analysis: GraphAnalysis, node: string): string {
  if (!analysis.expansion || analysis.byId.get(node) === undefined || !node.includes('/')) return node;
  const top = node.slice(0, node.indexOf('/'));
  return analysis.expansion.uses.has(top) ? top : node;
}

/** A problem inside a use, as its collapsed card shows it: the path first. */
export function asShownOnUse(d: Diagnostic, card: string): Diagnostic {
  return d.node === card ? d : { ...d, message: `${d.node}: ${d.message}` };
}

export interface GroupData extends Record<string, unknown> {
  readonly id: string;
  readonly module: string;
  readonly count: number;
  readonly horizontal: boolean;
}
export type GroupNode = Node<GroupData, 'moduleGroup'>;

/** The frame around the cards: room for its title above them, a margin around (canvas units). */
const PAD_TOP = 44;
const PAD = 16;
const CARD_WIDTH = 200;
/** A card's height as drawn with one line of attributes (the frame's bottom margin is measured from it). */
const CARD_HEIGHT = 90;

export interface Frame {
  readonly id: string;
  readonly position: NodePosition;
  readonly width: number;
  readonly height: number;
}

export interface ExpandedView {
  /** The frame of each expanded use (replacing its card) and the cards inside it, parents first. */
  readonly nodes: (GroupNode | CardNode)[];
  readonly edges: ShapeEdge[];
  readonly cards: ReadonlyMap<string, CardData>;
  readonly edgeShapes: ReadonlyMap<string, string>;
  /** Each open frame's use, place and size, for makeRoom. */
  readonly frames: Frame[];
}

/**
 * The inner graph of one use laid out as the canvas lays out a file without positions (engine/graph/autoPositions:
 * layered by depth, branches side by side), turned sideways when the canvas reads left to right, and moved to
 * start inside the frame's margins. Returns each card's place in the frame and the frame's size.
 */
export function innerLayout(
  members: readonly string[],
  edges: readonly { readonly from: string; readonly to: string }[],
  horizontal: boolean,
): { positions: Map<string, NodePosition>; width: number; height: number } {
  const placed = positionsFor({ name: '', nodes: members.map((id) => ({ id, type: '', attrs: {} })), edges, layout: {} });
  const turned = new Map<string, NodePosition>();
  for (const [id, p] of placed) turned.set(id, horizontal ? { x: (p.y / ROW) * COLUMN, y: (p.x / COLUMN) * ROW } : p);
  const xs = [...turned.values()].map((p) => p.x);
  const ys = [...turned.values()].map((p) => p.y);
  const minX = Math.min(...xs);
  const minY = Math.min(...ys);
  const positions = new Map<string, NodePosition>();
  for (const [id, p] of turned) positions.set(id, { x: p.x - minX + PAD, y: p.y - minY + PAD_TOP });
  return {
    positions,
    width: Math.max(...xs) - minX + CARD_WIDTH + 2 * PAD,
    height: Math.max(...ys) - minY + CARD_HEIGHT + PAD_TOP + PAD,
  };
}

export function expandedView(
  graph: Graph,
  analysis: GraphAnalysis,
  expanded: ReadonlySet<string>,
  positions: ReadonlyMap<string, NodePosition>,
  horizontal: boolean,
  selected: ReadonlySet<string>,
): ExpandedView {
  const nodes: (GroupNode | CardNode)[] = [];
  const edges: ShapeEdge[] = [];
  const cards = new Map<string, CardData>();
  const edgeShapes = new Map<string, string>();
  const frames: ExpandedView['frames'] = [];
  const expansion = analysis.expansion;
  if (!expansion) return { nodes, edges, cards, edgeShapes, frames };
  const flat = new Map(expansion.graph.nodes.map((n) => [n.id, n]));
  for (const use of graph.nodes) {
    const info = expansion.uses.get(use.id);
    if (!isModuleUse(use) || !expanded.has(use.id) || !info) continue;
    const members = info.members.filter((id) => flat.has(id));
    const inside = new Set(members);
    const innerEdges = expansion.graph.edges.filter((e) => inside.has(e.to) && inside.has(e.from));
    const frame = innerLayout(members, innerEdges, horizontal);
    const position = positions.get(use.id) ?? { x: 0, y: 0 };
    frames.push({ id: use.id, position, width: frame.width, height: frame.height });
    nodes.push({
      id: use.id,
      type: 'moduleGroup',
      position,
      data: { id: use.id, module: info.module, count: members.length, horizontal },
      ariaLabel: frameName(use.id, info.module, members.length),
      style: { width: frame.width, height: frame.height },
      selected: selected.has(use.id),
    });
    for (const id of members) {
      const node = flat.get(id)!;
      const a = analysis.byId.get(id);
      const shown = analysis.diagnostics.filter((d) => d.node === id && d.severity !== 'info');
      cards.set(id, {
        id,
        type: node.type,
        label: undefined,
        family: blockFor(node.type)?.family ?? 'unknown',
        keyAttrs: keyAttributes(node, a),
        shape: shapeText(a),
        params: paramsText(a),
        severity: shown.some((d) => d.severity === 'error') ? 'error' : shown.length ? 'warning' : null,
        messages: shown.map((d) => d.message),
        horizontal,
      });
      const data: CardKey = { id, type: node.type, family: blockFor(node.type)?.family ?? 'unknown', horizontal };
      // Selectable (the inspector shows and edits the module's definition through it), not movable on its own
      // (its place is the layout's; the frame moves with the use) and not deletable (it is the definition's).
      nodes.push({
        id,
        type: 'card',
        parentId: use.id,
        extent: 'parent',
        draggable: false,
        deletable: false,
        connectable: false,
        selected: selected.has(id),
        position: frame.positions.get(id)!,
        ariaLabel: innerCardName(node.type, id, expansion.origins.get(id)?.module ?? info.module),
        data,
      });
    }
    for (const e of innerEdges) {
      const id = `${e.from}->${e.to}`;
      edges.push({ id, source: e.from, target: e.to, type: 'shape', selectable: false, deletable: false });
      edgeShapes.set(id, shapeText(analysis.byId.get(e.from)));
    }
  }
  return { nodes, edges, cards, edgeShapes, frames };
}

/**
 * Room for the open frames, in the view only: a frame is taller (wider, left to right) than the card it replaces,
 * so every top-level card below it (right of it) moves down (right) by the difference, as a folder opening in a
 * tree view pushes the rows below it; the frame itself is centred on the card's axis, so the edges into and out of
 * it stay straight. Returns the moved nodes and each one's offset, which a drag takes off again before writing the
 * position (the file keeps the positions without the frames).
 */
export function makeRoom(nodes: readonly CardNode[], frames: readonly Frame[], horizontal: boolean): { nodes: CardNode[]; offsets: Map<string, NodePosition> } {
  const offsets = new Map<string, NodePosition>();
  if (frames.length === 0) return { nodes: [...nodes], offsets };
  const moved = nodes.map((n) => {
    if (n.parentId !== undefined) return n;
    let dx = 0;
    let dy = 0;
    for (const f of frames) {
      if (f.id === n.id) {
        if (horizontal) dy += Math.round((CARD_HEIGHT - f.height) / 2);
        else dx += Math.round((CARD_WIDTH - f.width) / 2);
      } else if (horizontal && n.position.x > f.position.x) dx += Math.max(0, f.width - CARD_WIDTH);
      else if (!horizontal && n.position.y > f.position.y) dy += Math.max(0, f.height - CARD_HEIGHT);
    }
    if (dx === 0 && dy === 0) return n;
    offsets.set(n.id, { x: dx, y: dy });
    return { ...n, position: { x: n.position.x + dx, y: n.position.y + dy } };
  });
  return { nodes: moved, offsets };
}
