/**
 * A freshly read graph with the previous graph's objects wherever they say exactly the same thing: each node, the
 * edge list, the layout and the modules. Every cache downstream is keyed by object (the analysis's spec keys, the
 * canvas's cards, the placement), so a text edit that changed one digit then costs what the same edit made on the
 * canvas costs, instead of re-keying and re-comparing 2,000 new node objects that say what the old ones said.
 *
 * "Exactly" is the JSON text's meaning: the same keys in the same order and the same values (Object.is for numbers:
 * -0 is not 0), so nothing read from the result can tell it from the fresh graph.
 */
import type { Graph, GraphEdge, GraphNode, JsonValue, ModuleDefinition, NodePosition } from './types';

type Json = JsonValue | undefined;

/** Deep equality of two JSON values, key order included. */
export function sameJson(a: Json, b: Json): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  return sameRecord(a, b, sameJson);
}

function sameRecord<T>(a: Readonly<Record<string, T>>, b: Readonly<Record<string, T>>, same: (x: T, y: T) => boolean): boolean {
  const keys = Object.keys(a);
  const other = Object.keys(b);
  if (keys.length !== other.length) return false;
  for (let i = 0; i < keys.length; i++) if (keys[i] !== other[i] || !same(a[keys[i]], b[keys[i]])) return false;
  return true;
}

export function sameNode(a: GraphNode, b: GraphNode): boolean {
  return (
    a === b ||
    (a.id === b.id && a.type === b.type && a.label === b.label && Object.hasOwn(a, 'label') === Object.hasOwn(b, 'label') && sameRecord(a.attrs, b.attrs, sameJson))
  );
}

function sameEdges(a: readonly GraphEdge[], b: readonly GraphEdge[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i].from !== b[i].from || a[i].to !== b[i].to) return false;
  return true;
}

const samePosition = (p: NodePosition, q: NodePosition): boolean => Object.is(p.x, q.x) && Object.is(p.y, q.y);

/** `next`'s nodes, each replaced by the node of `previous` that says the same (found at the same index, else by id). */
function keptNodes(previous: readonly GraphNode[], next: readonly GraphNode[]): readonly GraphNode[] {
  let byId: Map<string, GraphNode> | undefined;
  let inPlace = 0;
  const out = next.map((node, i) => {
    let old: GraphNode | undefined = previous[i];
    if (old?.id !== node.id) {
      if (!byId) {
        byId = new Map();
        // The first node with an id, as everything else reads a file with duplicates.
        for (const n of previous) if (!byId.has(n.id)) byId.set(n.id, n);
      }
      old = byId.get(node.id);
    }
    if (old && sameNode(old, node)) {
      if (old === previous[i]) inPlace++;
      return old;
    }
    return node;
  });
  return inPlace === next.length && next.length === previous.length ? previous : out;
}

function keptModules(previous: Graph['modules'], next: Graph['modules']): Graph['modules'] {
  if (!previous || !next) return next;
  const sameDefinition = (a: ModuleDefinition, b: ModuleDefinition) =>
    a.description === b.description &&
    Object.hasOwn(a, 'description') === Object.hasOwn(b, 'description') &&
    sameRecord(a.params, b.params, sameJson) &&
    a.nodes.length === b.nodes.length &&
    a.nodes.every((n, i) => sameNode(n, b.nodes[i])) &&
    sameEdges(a.edges, b.edges);
  return sameRecord(previous, next, sameDefinition) ? previous : next;
}

/** `next` with the objects of `previous` that say the same thing (see above); `next` itself when nothing is shared. */
export function keepUnchanged(previous: Graph | null | undefined, next: Graph): Graph {
  if (!previous || previous === next) return next;
  const nodes = keptNodes(previous.nodes, next.nodes);
  const edges = sameEdges(previous.edges, next.edges) ? previous.edges : next.edges;
  const layout = sameRecord(previous.layout, next.layout, samePosition) ? previous.layout : next.layout;
  const modules = keptModules(previous.modules, next.modules);
  if (nodes === next.nodes && edges === next.edges && layout === next.layout && modules === next.modules) return next;
  return { ...next, nodes, edges, layout, ...(modules !== undefined ? { modules } : {}) };
}
