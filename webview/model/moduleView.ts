/**
 * Module uses on the canvas. Collapsed, a use is one card: its output shape and params in total (the engine's
 * collapsed analysis), and a badge for the problems inside it, each named by its path (l2b0/conv1). Expanded in
 * place, the card becomes a group frame at the same place, labelled by the use's id and module, holding a card per
 * node of its expansion (ids are the paths, so the texts and tests address them as any card). Pure: the canvas
 * adds these nodes to what FlowModel builds.
 */
import type { Node } from '@xyflow/react';
import { blockFor } from '../../engine/blocks/specs';
import { isModuleUse, type Graph, type NodePosition } from '../../engine/graph/types';
import type { Diagnostic } from '../../engine/shape/diagnostics';
import type { GraphAnalysis } from '../../engine/shape/types';
import type { CardData, CardKey, CardNode, ShapeEdge } from './flowModel';
import { keyAttributes, paramsText, shapeText } from './labels';

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

/** Spacing of the cards inside a frame (canvas units). */
const ROW = 96;
const PAD_TOP = 44;
const PAD_SIDE = 16;
const CARD_WIDTH = 200;

export interface ExpandedView {
  /** The frame of each expanded use (replacing its card) and the cards inside it, parents first. */
  readonly nodes: (GroupNode | CardNode)[];
  readonly edges: ShapeEdge[];
  readonly cards: ReadonlyMap<string, CardData>;
  readonly edgeShapes: ReadonlyMap<string, string>;
}

export function expandedView(
  graph: Graph,
  analysis: GraphAnalysis,
  expanded: ReadonlySet<string>,
  positions: ReadonlyMap<string, NodePosition>,
  horizontal: boolean,
): ExpandedView {
  const nodes: (GroupNode | CardNode)[] = [];
  const edges: ShapeEdge[] = [];
  const cards = new Map<string, CardData>();
  const edgeShapes = new Map<string, string>();
  const expansion = analysis.expansion;
  if (!expansion) return { nodes, edges, cards, edgeShapes };
  const flat = new Map(expansion.graph.nodes.map((n) => [n.id, n]));
  for (const use of graph.nodes) {
    const info = expansion.uses.get(use.id);
    if (!isModuleUse(use) || !expanded.has(use.id) || !info) continue;
    const members = info.members.filter((id) => flat.has(id));
    const count = members.length;
    const width = CARD_WIDTH + 2 * PAD_SIDE;
    const height = PAD_TOP + count * ROW;
    nodes.push({
      id: use.id,
      type: 'moduleGroup',
      position: positions.get(use.id) ?? { x: 0, y: 0 },
      data: { id: use.id, module: info.module, count, horizontal },
      style: { width, height },
    });
    const inside = new Set(members);
    for (const [i, id] of members.entries()) {
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
        horizontal: false,
      });
      const data: CardKey = { id, type: node.type, family: blockFor(node.type)?.family ?? 'unknown', horizontal: false };
      nodes.push({ id, type: 'card', parentId: use.id, extent: 'parent', draggable: false, position: { x: PAD_SIDE, y: PAD_TOP + i * ROW }, data });
    }
    for (const e of expansion.graph.edges) {
      if (!inside.has(e.to) || !inside.has(e.from)) continue;
      const id = `${e.from}->${e.to}`;
      edges.push({ id, source: e.from, target: e.to, type: 'shape', selectable: false });
      edgeShapes.set(id, shapeText(analysis.byId.get(e.from)));
    }
  }
  return { nodes, edges, cards, edgeShapes };
}
