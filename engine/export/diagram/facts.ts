/**
 * What a diagram writes about each node, from the graph and its analysis: the same words and numbers as the
 * canvas card (type, id or label, the block's card label, output shape, parameters, problems).
 */
import { blockFor } from '../../blocks/specs';
import type { Graph, GraphNode } from '../../graph/types';
import { formatCount, formatShape } from '../../shape/format';
import type { GraphAnalysis, NodeAnalysis } from '../../shape/types';

export const UNKNOWN_SHAPE = '—';

export interface NodeFacts {
  readonly id: string;
  readonly type: string;
  /** The label when the file gives one, else the id. */
  readonly name: string;
  readonly family: string;
  /** The block's card label: "5×5 /1 pad 2 ×6". */
  readonly keyAttrs: string;
  /** "28×28×6", or "—" when it cannot be computed. */
  readonly shape: string;
  readonly outputShape: readonly number[] | null;
  /** All parameters, trainable or not: "156". */
  readonly params: string;
  readonly severity: 'error' | 'warning' | null;
  readonly messages: readonly string[];
}

function keyAttributes(node: GraphNode, analysis: NodeAnalysis | undefined): string {
  const a = analysis?.attrs ?? {};
  const label = blockFor(node.type)?.cardLabel(a) ?? '';
  if (label !== '' || Object.keys(a).length > 0) return label;
  // Unreadable attributes: as written, so the picture says what the file says.
  return Object.entries(node.attrs)
    .map(([k, v]) => `${k} ${Array.isArray(v) ? v.join('×') : typeof v === 'object' && v !== null ? '{…}' : String(v)}`)
    .join(' ');
}

export function nodeFacts(graph: Graph, analysis: GraphAnalysis): NodeFacts[] {
  const seen = new Set<string>();
  const out: NodeFacts[] = [];
  for (const node of graph.nodes) {
    if (seen.has(node.id)) continue; // a duplicate id is reported by the engine; the first one is drawn, as on the canvas
    seen.add(node.id);
    const a = analysis.byId.get(node.id);
    const problems = analysis.diagnostics.filter((d) => d.node === node.id && d.severity !== 'info');
    out.push({
      id: node.id,
      type: node.type,
      name: node.label ?? node.id,
      family: blockFor(node.type)?.family ?? 'unknown',
      keyAttrs: keyAttributes(node, a),
      shape: a?.outputShape ? formatShape(a.outputShape) : UNKNOWN_SHAPE,
      outputShape: a?.outputShape ?? null,
      params: formatCount(a ? a.params + a.nonTrainableParams : 0),
      severity: problems.some((d) => d.severity === 'error') ? 'error' : problems.length ? 'warning' : null,
      messages: problems.map((d) => d.message),
    });
  }
  return out;
}

/** The edges between drawn nodes, once each, in file order. */
export function drawnEdges(graph: Graph, nodes: readonly NodeFacts[]): { readonly from: string; readonly to: string }[] {
  const ids = new Set(nodes.map((n) => n.id));
  const seen = new Set<string>();
  const out: { from: string; to: string }[] = [];
  for (const e of graph.edges) {
    const key = `${e.from}\u0000${e.to}`;
    if (!ids.has(e.from) || !ids.has(e.to) || seen.has(key)) continue;
    seen.add(key);
    out.push({ from: e.from, to: e.to });
  }
  return out;
}
