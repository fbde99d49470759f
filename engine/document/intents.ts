/**
 * Applies an intent from the canvas to the graph model: the pure half of every edit (the other half, turning the
 * new graph into minimal text edits, is `textEdits.ts`). Refusals carry a reason for the user; nothing throws.
 */
import { blockFor } from '../blocks/specs';
import { applyExpressionIntent } from '../expression/intents';
import type { ExpressionFixEdit } from '../expression/diagnostics';
import { isExpressionGraph, type Graph, type GraphEdge, type GraphNode, type JsonObject, type JsonValue, type NodePosition } from '../graph/types';
import type { Intent } from './intent';
import { connectionProblem } from './connection';
import { idForType, uniqueId } from './ids';
import { definesModule, editModuleBody, groupIntoModule, setModuleAttribute } from './moduleIntents';

export type IntentResult = { readonly ok: true; readonly graph: Graph } | { readonly ok: false; readonly error: string };

/** Vertical distance between a node and the one added after it (canvas units). */
const STEP_Y = 110;

const refuse = (error: string): IntentResult => ({ ok: false, error });

function hasNode(graph: Graph, id: string): boolean {
  return graph.nodes.some((n) => n.id === id);
}

function withoutNodes(graph: Graph, ids: ReadonlySet<string>): Graph {
  const layout = Object.fromEntries(Object.entries(graph.layout).filter(([id]) => !ids.has(id)));
  return {
    ...graph,
    nodes: graph.nodes.filter((n) => !ids.has(n.id)),
    edges: graph.edges.filter((e) => !ids.has(e.from) && !ids.has(e.to)),
    layout,
  };
}

/** Attributes a new block starts with: every required one gets its example value, so the block is valid. */
export function startingAttrs(type: string): Record<string, JsonValue> {
  const block = blockFor(type);
  const attrs: Record<string, JsonValue> = {};
  for (const [name, spec] of Object.entries(block?.attributes ?? {})) if (!spec.fallback) attrs[name] = spec.example;
  return attrs;
}

function mapNode(graph: Graph, id: string, change: (n: GraphNode) => GraphNode): Graph {
  return { ...graph, nodes: graph.nodes.map((n) => (n.id === id ? change(n) : n)) };
}

function addNode(graph: Graph, intent: Extract<Intent, { kind: 'add-node' }>): IntentResult {
  if (!blockFor(intent.type)) return refuse(`Unknown block type '${intent.type}'.`);
  if (intent.after !== undefined && !hasNode(graph, intent.after)) return refuse(`There is no node '${intent.after}' to add after.`);
  const id = idForType(intent.type, new Set(graph.nodes.map((n) => n.id)));
  const node: GraphNode = { id, type: intent.type, attrs: startingAttrs(intent.type) };
  const anchor = intent.after !== undefined ? graph.layout[intent.after] : undefined;
  const position = intent.position ?? (anchor ? { x: anchor.x, y: anchor.y + STEP_Y } : undefined);
  let next: Graph = { ...graph, nodes: [...graph.nodes, node], layout: position ? { ...graph.layout, [id]: round(position) } : graph.layout };
  if (intent.after !== undefined && !connectionProblem(next, intent.after, id)) {
    next = { ...next, edges: [...next.edges, { from: intent.after, to: id }] };
  }
  return { ok: true, graph: next };
}

function round(p: NodePosition): NodePosition {
  return { x: Math.round(p.x), y: Math.round(p.y) };
}

/**
 * A missing input, with its edges, first in the node and edge lists (where a reader looks for them), feeding each
 * of `to` (none: edges from its id are already written). Every edge is checked as one drawn on the canvas, so a
 * fix cannot give a one-input block a second input.
 */
function addInput(graph: Graph, base: string, to: readonly string[]): IntentResult {
  const id = uniqueId(base, new Set(graph.nodes.map((n) => n.id)));
  let next: Graph = { ...graph, nodes: [{ id, type: 'input', attrs: {} }, ...graph.nodes] };
  const added: GraphEdge[] = [];
  for (const target of to) {
    const problem = connectionProblem(next, id, target);
    if (problem) return refuse(problem);
    added.push({ from: id, to: target });
    next = { ...next, edges: [...added, ...graph.edges] };
  }
  return { ok: true, graph: next };
}

function applyFixEdit(graph: Graph, edit: ExpressionFixEdit): IntentResult {
  switch (edit.kind) {
    case 'set-attribute':
      if (!hasNode(graph, edit.node)) return refuse(`There is no node '${edit.node}'.`);
      return { ok: true, graph: mapNode(graph, edit.node, (n) => ({ ...n, attrs: { ...n.attrs, [edit.attribute]: edit.value } })) };
    case 'remove-attribute': {
      if (!hasNode(graph, edit.node)) return refuse(`There is no node '${edit.node}'.`);
      return {
        ok: true,
        graph: mapNode(graph, edit.node, (n) => ({ ...n, attrs: Object.fromEntries(Object.entries(n.attrs).filter(([k]) => k !== edit.attribute)) })),
      };
    }
    case 'set-type':
      if (!hasNode(graph, edit.node)) return refuse(`There is no node '${edit.node}'.`);
      if (!blockFor(edit.type) && !definesModule(graph, edit.type)) return refuse(`Unknown block type '${edit.type}'.`);
      return { ok: true, graph: mapNode(graph, edit.node, (n) => ({ ...n, type: edit.type })) };
    case 'insert-node': {
      const at = graph.edges.findIndex((e) => e.from === edit.from && e.to === edit.to);
      if (at < 0) return refuse(`There is no edge ${edit.from} → ${edit.to} to insert into.`);
      if (!blockFor(edit.type)) return refuse(`Unknown block type '${edit.type}'.`);
      const id = uniqueId(edit.id, new Set(graph.nodes.map((n) => n.id)));
      // The new node takes the old edge's place in the edge list, so a concat's input order is kept.
      const edges = [...graph.edges.slice(0, at), { from: edit.from, to: id }, { from: id, to: edit.to }, ...graph.edges.slice(at + 1)];
      const a = graph.layout[edit.from];
      const b = graph.layout[edit.to];
      const layout = a && b ? { ...graph.layout, [id]: round({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 }) } : graph.layout;
      const index = graph.nodes.findIndex((n) => n.id === edit.to);
      const nodes = [...graph.nodes];
      nodes.splice(index < 0 ? nodes.length : index, 0, { id, type: edit.type, attrs: { ...edit.attrs } });
      return { ok: true, graph: { ...graph, nodes, edges, layout } };
    }
    case 'remove-edge': {
      // The last copy only: a fix of "the edge a → b appears twice" keeps the edge (and its place) once.
      let at = graph.edges.length - 1;
      while (at >= 0 && !(graph.edges[at].from === edit.from && graph.edges[at].to === edit.to)) at--;
      if (at < 0) return refuse(`There is no edge ${edit.from} → ${edit.to}.`);
      return { ok: true, graph: { ...graph, edges: graph.edges.filter((_, i) => i !== at) } };
    }
    case 'add-edge': {
      const problem = connectionProblem(graph, edit.from, edit.to);
      return problem ? refuse(problem) : { ok: true, graph: { ...graph, edges: [...graph.edges, { from: edit.from, to: edit.to }] } };
    }
    case 'edit-module':
      return editModuleBody(graph, edit.module, (body) => applyFixEdit(body, edit.edit));
    case 'remove-node':
      if (!hasNode(graph, edit.node)) return refuse(`There is no node '${edit.node}'.`);
      return { ok: true, graph: withoutNodes(graph, new Set([edit.node])) };
    case 'add-input':
      return addInput(graph, edit.id, edit.to);
    case 'set-module-attribute':
      return setModuleAttribute(graph, edit.module, edit.node, edit.attribute, edit.value === null ? undefined : edit.value);
    case 'set-output':
    case 'append-output-gate':
      return refuse('Choosing an output is for expression graphs; a network has no "output".');
  }
}

function paste(graph: Graph, intent: Extract<Intent, { kind: 'paste' }>): IntentResult {
  const taken = new Set(graph.nodes.map((n) => n.id));
  const rename = new Map<string, string>();
  const nodes: GraphNode[] = [];
  for (const n of intent.nodes) {
    if (!blockFor(n.type)) return refuse(`Cannot paste '${n.id}': unknown block type '${n.type}'.`);
    if (rename.has(n.id)) return refuse(`The pasted nodes repeat the id '${n.id}'.`);
    const id = uniqueId(n.id, taken);
    taken.add(id);
    rename.set(n.id, id);
    nodes.push({ id, type: n.type, attrs: { ...n.attrs }, ...(n.label !== undefined ? { label: n.label } : {}) });
  }
  const edges: GraphEdge[] = intent.edges
    .filter((e) => rename.has(e.from) && rename.has(e.to))
    .map((e) => ({ from: rename.get(e.from)!, to: rename.get(e.to)! }));
  const layout: Record<string, NodePosition> = { ...graph.layout };
  for (const [old, p] of Object.entries(intent.positions)) if (rename.has(old)) layout[rename.get(old)!] = round(p);
  return { ok: true, graph: { ...graph, nodes: [...graph.nodes, ...nodes], edges: [...graph.edges, ...edges], layout } };
}

export function applyIntent(graph: Graph, intent: Intent): IntentResult {
  // Expression graphs (the backprop lab) add and connect gates instead of blocks; the rest is shared.
  return isExpressionGraph(graph) ? applyExpressionIntent(graph, intent, applyGraphIntent) : applyGraphIntent(graph, intent);
}

function applyGraphIntent(graph: Graph, intent: Intent): IntentResult {
  switch (intent.kind) {
    case 'add-node':
      return addNode(graph, intent);
    case 'connect': {
      const problem = connectionProblem(graph, intent.from, intent.to);
      return problem ? refuse(problem) : { ok: true, graph: { ...graph, edges: [...graph.edges, { from: intent.from, to: intent.to }] } };
    }
    case 'disconnect':
      return applyFixEdit(graph, { kind: 'remove-edge', from: intent.from, to: intent.to });
    case 'set-attribute':
      if (['id', 'type', 'label'].includes(intent.attribute)) return refuse(`'${intent.attribute}' is not an attribute.`);
      return applyFixEdit(graph, { kind: 'set-attribute', node: intent.node, attribute: intent.attribute, value: intent.value });
    case 'remove-attribute':
      return applyFixEdit(graph, { kind: 'remove-attribute', node: intent.node, attribute: intent.attribute });
    case 'set-label': {
      if (!hasNode(graph, intent.node)) return refuse(`There is no node '${intent.node}'.`);
      return {
        ok: true,
        graph: mapNode(graph, intent.node, ({ label: _drop, ...n }) => (intent.label === null ? n : { ...n, label: intent.label })),
      };
    }
    case 'move': {
      const layout: Record<string, NodePosition> = { ...graph.layout };
      for (const [id, p] of Object.entries(intent.positions)) if (hasNode(graph, id)) layout[id] = round(p);
      return { ok: true, graph: { ...graph, layout } };
    }
    case 'delete': {
      const nodes = new Set(intent.nodes);
      const cut = new Set(intent.edges.map((e) => `${e.from}\u0000${e.to}`));
      const pruned = withoutNodes(graph, nodes);
      return { ok: true, graph: { ...pruned, edges: pruned.edges.filter((e) => !cut.has(`${e.from}\u0000${e.to}`)) } };
    }
    case 'apply-fix': {
      let current = graph;
      for (const edit of intent.edits) {
        const r = applyFixEdit(current, edit);
        if (!r.ok) return r;
        current = r.graph;
      }
      return { ok: true, graph: current };
    }
    case 'paste':
      return paste(graph, intent);
    case 'set-training': {
      const training: JsonObject = { ...(graph.training ?? {}) };
      if (intent.value === null) delete training[intent.key];
      else training[intent.key] = intent.value;
      return { ok: true, graph: { ...graph, training } };
    }
    case 'group-into-module':
      return groupIntoModule(graph, intent.nodes, intent.name);
    case 'set-module-attribute':
      return setModuleAttribute(graph, intent.module, intent.node, intent.attribute, intent.value === null ? undefined : intent.value);
  }
}
