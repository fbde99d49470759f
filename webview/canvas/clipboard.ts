/**
 * Copy and paste of a selection. The clipboard holds plain text (JSON with a marker), which survives VS Code's
 * clipboard forwarding; ids are made unique by the extension when pasting.
 */
import type { Graph, NodePosition } from '../../engine/graph/types';
import type { EdgeRef, Intent, NodeCopy } from '../../extension/protocol';

const MARKER = 'wiregrad.clipboard';
/** Pasted nodes land this far down-right of the originals, so the copy is visibly a copy. */
const OFFSET = 40;

interface Clip {
  readonly [MARKER]: 1;
  readonly nodes: NodeCopy[];
  readonly edges: EdgeRef[];
  readonly positions: Record<string, NodePosition>;
}

export function copyText(graph: Graph, selected: ReadonlySet<string>, positions: ReadonlyMap<string, NodePosition>): string | null {
  const nodes = graph.nodes.filter((n) => selected.has(n.id));
  if (nodes.length === 0) return null;
  const clip: Clip = {
    [MARKER]: 1,
    nodes: nodes.map((n) => ({ id: n.id, type: n.type, attrs: n.attrs, ...(n.label !== undefined ? { label: n.label } : {}) })),
    edges: graph.edges.filter((e) => selected.has(e.from) && selected.has(e.to)),
    positions: Object.fromEntries(nodes.map((n) => [n.id, positions.get(n.id) ?? { x: 0, y: 0 }])),
  };
  return JSON.stringify(clip);
}

/** The paste intent for clipboard text, or null when the text is not a wiregrad selection. */
export function pasteIntent(text: string): Intent | null {
  let clip: Partial<Clip>;
  try {
    clip = JSON.parse(text) as Partial<Clip>;
  } catch {
    return null;
  }
  if (!clip || clip[MARKER] !== 1 || !Array.isArray(clip.nodes)) return null;
  const positions = Object.fromEntries(Object.entries(clip.positions ?? {}).map(([id, p]) => [id, { x: p.x + OFFSET, y: p.y + OFFSET }]));
  return { kind: 'paste', nodes: clip.nodes, edges: clip.edges ?? [], positions };
}
