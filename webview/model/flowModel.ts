/**
 * Turns the document (graph + analysis) into React Flow's nodes and edges, and the texts drawn on them. The two are
 * kept apart: a node or edge object says where a card is and what kind it is, so React Flow gets new objects only
 * when a card moves, is selected or changes kind; the texts (labels, shapes, params, problems) go to the canvas's
 * LabelStore, and only the cards and edge labels whose text changed re-render. Text objects are reused when nothing
 * about a node changed (the engine's incremental analysis returns the same NodeAnalysis for untouched nodes).
 */
import type { Edge, Node } from '@xyflow/react';
import { blockFor } from '../../engine/blocks/specs';
import { isModuleUse, type Graph, type GraphNode, type NodePosition } from '../../engine/graph/types';
import type { Diagnostic } from '../../engine/shape/diagnostics';
import type { GraphAnalysis, NodeAnalysis } from '../../engine/shape/types';
import { cardName } from '../canvas/nodeSearch';
import { keyAttributes, paramsText, shapeText } from './labels';
import { asShownOnUse, cardOf } from './moduleView';

export interface CardData extends Record<string, unknown> {
  readonly id: string;
  readonly type: string;
  readonly label: string | undefined;
  readonly family: string;
  readonly keyAttrs: string;
  readonly shape: string;
  readonly params: string;
  readonly severity: 'error' | 'warning' | null;
  readonly messages: readonly string[];
  readonly horizontal: boolean;
}

/** What React Flow holds for a card: its kind, not its texts (so a text change leaves React Flow's node alone). */
export interface CardKey extends Record<string, unknown> {
  readonly id: string;
  readonly type: string;
  readonly family: string;
  readonly horizontal: boolean;
}

export type CardNode = Node<CardKey, 'card'>;
export type ShapeEdge = Edge<Record<string, never>, 'shape'>;

/** The texts on the canvas: card texts by node id, the shape an edge carries by edge id. */
export interface Labels {
  readonly cards: ReadonlyMap<string, CardData>;
  readonly edges: ReadonlyMap<string, string>;
}

/** Diagnostics by node id (graph-level ones under ''); a problem inside a module use goes to the use's card. */
export function diagnosticsByNode(analysis: GraphAnalysis): Map<string, Diagnostic[]> {
  const out = new Map<string, Diagnostic[]>();
  for (const raw of analysis.diagnostics) {
    const card = raw.node === null ? '' : cardOf(analysis, raw.node);
    const d = raw.node === null || card === raw.node ? raw : asShownOnUse(raw, card);
    const key = card;
    const list = out.get(key);
    if (list) list.push(d);
    else out.set(key, [d]);
  }
  return out;
}

interface Placement {
  readonly graphNodes: readonly GraphNode[];
  readonly edges: Graph['edges'];
  readonly positions: ReadonlyMap<string, NodePosition>;
  readonly selected: ReadonlySet<string>;
  readonly horizontal: boolean;
  readonly flowNodes: CardNode[];
  readonly flowEdges: ShapeEdge[];
}

/** The same ids and types in the same order: the same cards, of the same kinds, in the same places. */
function sameIdsAndTypes(a: readonly GraphNode[], b: readonly GraphNode[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i].id !== b[i].id || a[i].type !== b[i].type) return false;
  return true;
}

interface Cached {
  readonly node: GraphNode;
  readonly analysis: NodeAnalysis | undefined;
  readonly diagnostics: readonly Diagnostic[] | undefined;
  readonly horizontal: boolean;
  readonly data: CardData;
}

export class FlowModel {
  private cards = new Map<string, Cached>();
  private flowNodes = new Map<string, CardNode>();
  private flowEdges = new Map<string, ShapeEdge>();
  /** What the last build placed, and from what: the same placement again needs only the texts. */
  private placed: Placement | null = null;

  cardData(node: GraphNode, analysis: NodeAnalysis | undefined, diagnostics: readonly Diagnostic[] | undefined, horizontal: boolean): CardData {
    const old = this.cards.get(node.id);
    if (old && old.node === node && old.analysis === analysis && old.diagnostics === diagnostics && old.horizontal === horizontal) return old.data;
    // A node the engine did not re-infer has the same type and attributes (its analysis is reused only when its
    // spec key, type + attributes, is unchanged): a freshly read text's new node objects need no deeper look.
    if (old && old.analysis === analysis && analysis && old.horizontal === horizontal && old.node.type === node.type && old.node.label === node.label && sameDiagnostics(old.diagnostics, diagnostics)) {
      this.cards.set(node.id, { ...old, node, diagnostics });
      return old.data;
    }
    const shown = diagnostics ? diagnostics.filter((d) => d.severity !== 'info') : NONE;
    // Below an edit most of a card's texts stay as they were (a relu's attributes, a pass-through's params): the
    // old strings are kept where what they are written from is the same object or number.
    const before = old?.node.type === node.type ? old : undefined;
    const data: CardData = {
      id: node.id,
      type: node.type,
      label: node.label,
      family: isModuleUse(node) ? 'module' : blockFor(node.type)?.family ?? 'unknown',
      keyAttrs: before && before.node.attrs === node.attrs && before.analysis?.attrs === analysis?.attrs ? before.data.keyAttrs : keyAttributes(node, analysis),
      shape: before && before.analysis?.outputShape === analysis?.outputShape && analysis ? before.data.shape : shapeText(analysis),
      params: before && before.analysis && analysis && sameParams(before.analysis, analysis) ? before.data.params : paramsText(analysis),
      severity: shown.some((d) => d.severity === 'error') ? 'error' : shown.length ? 'warning' : null,
      messages: shown.map((d) => d.message),
      horizontal,
    };
    this.cards.set(node.id, { node, analysis, diagnostics, horizontal, data });
    return data;
  }

  build(
    graph: Graph,
    analysis: GraphAnalysis,
    positions: ReadonlyMap<string, NodePosition>,
    selected: ReadonlySet<string>,
    horizontal: boolean,
  ): { nodes: CardNode[]; edges: ShapeEdge[]; labels: Labels } {
    const byNode = diagnosticsByNode(analysis);
    const placed = this.placed;
    if (placed && placed.positions === positions && placed.selected === selected && placed.horizontal === horizontal && placed.edges === graph.edges && sameIdsAndTypes(placed.graphNodes, graph.nodes)) {
      // Only texts can have changed (an attribute edit, typed or drawn): React Flow's nodes and edges are the ones
      // built last time, and only the texts are gathered again.
      const cards = new Map<string, CardData>();
      for (const node of graph.nodes) if (!cards.has(node.id)) cards.set(node.id, this.cardData(node, analysis.byId.get(node.id), byNode.get(node.id), horizontal));
      const edgeShapes = new Map<string, string>();
      for (const e of placed.flowEdges) edgeShapes.set(e.id, cards.get(e.source)!.shape);
      this.placed = { ...placed, graphNodes: graph.nodes };
      return { nodes: placed.flowNodes, edges: placed.flowEdges, labels: { cards, edges: edgeShapes } };
    }
    const nodes: CardNode[] = [];
    const cards = new Map<string, CardData>();
    const seen = new Set<string>();
    const nextNodes = new Map<string, CardNode>();
    for (const node of graph.nodes) {
      if (seen.has(node.id)) continue; // a duplicate id is reported by the engine; the first one is drawn
      seen.add(node.id);
      const card = this.cardData(node, analysis.byId.get(node.id), byNode.get(node.id), horizontal);
      cards.set(node.id, card);
      const position = positions.get(node.id) ?? { x: 0, y: 0 };
      const isSelected = selected.has(node.id);
      const old = this.flowNodes.get(node.id);
      const sameKind = old && old.data.type === card.type && old.data.family === card.family && old.data.horizontal === horizontal;
      const data: CardKey = sameKind ? old.data : { id: node.id, type: card.type, family: card.family, horizontal };
      const flowNode: CardNode =
        old && old.data === data && old.position.x === position.x && old.position.y === position.y && !!old.selected === isSelected
          ? old
          : { id: node.id, type: 'card', position, data, selected: isSelected, ariaLabel: cardName(card.type, node.id), ...(old?.measured ? { measured: old.measured } : {}) };
      nextNodes.set(node.id, flowNode);
      nodes.push(flowNode);
    }
    this.flowNodes = nextNodes;
    for (const id of [...this.cards.keys()]) if (!seen.has(id)) this.cards.delete(id);

    const edges: ShapeEdge[] = [];
    const edgeShapes = new Map<string, string>();
    const nextEdges = new Map<string, ShapeEdge>();
    for (const e of graph.edges) {
      if (!seen.has(e.from) || !seen.has(e.to)) continue;
      const id = `${e.from}->${e.to}`;
      if (nextEdges.has(id)) continue;
      // The card of the edge's source has the text already: the same text, not formatted again per edge.
      edgeShapes.set(id, cards.get(e.from)?.shape ?? shapeText(analysis.byId.get(e.from)));
      const isSelected = selected.has(id);
      const old = this.flowEdges.get(id);
      const edge: ShapeEdge = old && !!old.selected === isSelected ? old : { id, source: e.from, target: e.to, type: 'shape', selected: isSelected };
      nextEdges.set(id, edge);
      edges.push(edge);
    }
    this.flowEdges = nextEdges;
    this.placed = { graphNodes: graph.nodes, edges: graph.edges, positions, selected, horizontal, flowNodes: nodes, flowEdges: edges };
    return { nodes, edges, labels: { cards, edges: edgeShapes } };
  }
}

const NONE: readonly Diagnostic[] = [];

function sameParams(a: NodeAnalysis, b: NodeAnalysis): boolean {
  return a.params + a.nonTrainableParams === b.params + b.nonTrainableParams;
}

function sameDiagnostics(a: readonly Diagnostic[] | undefined, b: readonly Diagnostic[] | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  return a.every((d, i) => d.message === b[i].message && d.severity === b[i].severity);
}

/**
 * The nodes React Flow gets for a new document: the node it already holds wherever the card's kind, place and
 * selection are unchanged (same object, so React Flow keeps its internal node and skips the card), otherwise the
 * new node with the size React Flow measured before. Without `measured`, React Flow takes a node for unmeasured:
 * it drops its handle bounds, observes it again and re-measures it (a forced layout per card), then sends every
 * size back as a change, one more render of the whole canvas. A card whose size does change is still caught:
 * the ResizeObserver keeps watching every card. When nothing changed the list itself is kept, so React Flow
 * does no work at all (an edit that only changes texts).
 */
export function keepShown(next: readonly CardNode[], shown: CardNode[]): CardNode[] {
  const before = new Map(shown.map((n) => [n.id, n]));
  const kept = next.map((n) => {
    const old = before.get(n.id);
    if (!old) return n;
    if (old.data === n.data && old.position.x === n.position.x && old.position.y === n.position.y && !!old.selected === !!n.selected) return old;
    return old.measured && !n.measured ? { ...n, measured: old.measured } : n;
  });
  return sameItems(kept, shown) ? shown : kept;
}

/** The edges React Flow gets for a new document: the one it holds wherever the ends and selection are unchanged. */
export function keepShownEdges(next: readonly ShapeEdge[], shown: ShapeEdge[]): ShapeEdge[] {
  const before = new Map(shown.map((e) => [e.id, e]));
  const kept = next.map((e) => {
    const old = before.get(e.id);
    return old && old.source === e.source && old.target === e.target && !!old.selected === !!e.selected ? old : e;
  });
  return sameItems(kept, shown) ? shown : kept;
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
