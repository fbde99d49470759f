/**
 * Canvas intents on an expression graph (the backprop lab). Most edits are the network's (move, delete, set a value,
 * label, remove an edge); what differs is what may be added (vars, consts and gates instead of blocks), what may be
 * connected (a var takes no input, a unary gate one…), and two fix edits only expressions have: choosing the output
 * and appending a gate after a node to make it f. Pure (no vscode): the host and the webview run the same code.
 */
import { idForType, uniqueId } from '../document/ids';
import type { Intent } from '../document/intent';
import type { Graph, GraphNode, JsonValue } from '../graph/types';
import type { FixEdit } from '../shape/diagnostics';
import type { ExpressionFixEdit } from './diagnostics';
import { gateFor, isLeafType } from './gates';

export type IntentResult = { readonly ok: true; readonly graph: Graph } | { readonly ok: false; readonly error: string };
type Generic = (graph: Graph, intent: Intent) => IntentResult;

const refuse = (error: string): IntentResult => ({ ok: false, error });

/** Horizontal distance between a node and a gate appended after it (canvas units; expressions read left to right). */
const STEP_X = 240;

export function isExpressionType(type: string): boolean {
  return isLeafType(type) || gateFor(type) !== undefined;
}

/** Ids that say what the node is: x_1 for a var, c_1 for a const, mul_1 for a gate. */
function idFor(type: string, graph: Graph): string {
  const taken = new Set(graph.nodes.map((n) => n.id));
  return type === 'var' ? uniqueId('x_1', taken) : type === 'const' ? uniqueId('c_1', taken) : idForType(type, taken);
}

function startingAttrs(type: string): Record<string, JsonValue> {
  return isLeafType(type) ? { value: type === 'const' ? 1 : 0 } : {};
}

/** `null` when from → to may be drawn in an expression graph; otherwise why not, for the user. */
export function expressionConnectionProblem(graph: Graph, from: string, to: string): string | null {
  const source = graph.nodes.find((n) => n.id === from);
  const target = graph.nodes.find((n) => n.id === to);
  if (!source) return `There is no node '${from}'.`;
  if (!target) return `There is no node '${to}'.`;
  if (from === to) return `A node cannot feed itself ('${from}' → '${to}' would be a cycle).`;
  if (isLeafType(target.type)) return `'${to}' is a ${target.type}: it has a value of its own and takes no inputs.`;
  if (graph.edges.some((e) => e.from === from && e.to === to)) {
    return `'${from}' already feeds '${to}'${target.type === 'mul' ? ` (for ${from}², use a square gate)` : ''}.`;
  }
  if (feeds(graph, to, from)) return `Connecting '${from}' → '${to}' would make a cycle ('${to}' already feeds '${from}').`;
  const gate = gateFor(target.type);
  const inputs = graph.edges.filter((e) => e.to === to).length;
  if (gate && inputs >= gate.arity.max) {
    return gate.arity.max === 1
      ? `'${to}' (${target.type}) takes a single input and already has one; disconnect it first.`
      : `'${to}' (${target.type}) takes ${gate.arity.max} inputs (${gate.inputNames?.join(', ') ?? 'in edge order'}) and has them.`;
  }
  return null;
}

function feeds(graph: Graph, start: string, target: string): boolean {
  const seen = new Set([start]);
  const stack = [start];
  while (stack.length) {
    const id = stack.pop()!;
    if (id === target) return true;
    for (const e of graph.edges) if (e.from === id && !seen.has(e.to)) seen.add(e.to), stack.push(e.to);
  }
  return false;
}

/** A removed output node leaves no dangling "output": f falls back to the single sink. */
function keepOutput(before: Graph, r: IntentResult): IntentResult {
  if (!r.ok || r.graph.output === undefined || r.graph.nodes.some((n) => n.id === r.graph.output)) return r;
  const { output: _gone, ...graph } = r.graph;
  return before.output === undefined ? r : { ok: true, graph };
}

function applyEdit(graph: Graph, edit: ExpressionFixEdit, generic: Generic): IntentResult {
  switch (edit.kind) {
    case 'set-output':
      if (!graph.nodes.some((n) => n.id === edit.node)) return refuse(`There is no node '${edit.node}'.`);
      return { ok: true, graph: { ...graph, output: edit.node } };
    case 'append-output-gate': {
      if (!gateFor(edit.type)) return refuse(`Unknown gate '${edit.type}'.`);
      const after = graph.layout[edit.after];
      if (!graph.nodes.some((n) => n.id === edit.after)) return refuse(`There is no node '${edit.after}'.`);
      const id = uniqueId(edit.id, new Set(graph.nodes.map((n) => n.id)));
      const node: GraphNode = { id, type: edit.type, attrs: {} };
      return {
        ok: true,
        graph: {
          ...graph,
          output: id,
          nodes: [...graph.nodes, node],
          edges: [...graph.edges, { from: edit.after, to: id }],
          layout: after ? { ...graph.layout, [id]: { x: after.x + STEP_X, y: after.y } } : graph.layout,
        },
      };
    }
    case 'set-type':
      if (!isExpressionType(edit.type)) return refuse(`'${edit.type}' is not a gate of an expression graph.`);
      if (!graph.nodes.some((n) => n.id === edit.node)) return refuse(`There is no node '${edit.node}'.`);
      return { ok: true, graph: { ...graph, nodes: graph.nodes.map((n) => (n.id === edit.node ? { ...n, type: edit.type } : n)) } };
    case 'insert-node':
      return refuse('Inserting a node on an edge is not an expression-graph fix.');
    case 'add-input':
      return refuse('Adding an input block is not an expression-graph fix.');
    default:
      return keepOutput(graph, generic(graph, { kind: 'apply-fix', edits: [edit satisfies FixEdit] }));
  }
}

export function applyExpressionIntent(graph: Graph, intent: Intent, generic: Generic): IntentResult {
  switch (intent.kind) {
    case 'add-node': {
      if (!isExpressionType(intent.type)) return refuse(`'${intent.type}' is not a gate of an expression graph (a network block cannot go in one).`);
      if (intent.after !== undefined && !graph.nodes.some((n) => n.id === intent.after)) return refuse(`There is no node '${intent.after}' to add after.`);
      const id = idFor(intent.type, graph);
      const anchor = intent.after !== undefined ? graph.layout[intent.after] : undefined;
      const position = intent.position ?? (anchor ? { x: anchor.x + STEP_X, y: anchor.y } : undefined);
      let next: Graph = {
        ...graph,
        nodes: [...graph.nodes, { id, type: intent.type, attrs: startingAttrs(intent.type) }],
        layout: position ? { ...graph.layout, [id]: { x: Math.round(position.x), y: Math.round(position.y) } } : graph.layout,
      };
      if (intent.after !== undefined && !expressionConnectionProblem(next, intent.after, id)) next = { ...next, edges: [...next.edges, { from: intent.after, to: id }] };
      return { ok: true, graph: next };
    }
    case 'connect': {
      const problem = expressionConnectionProblem(graph, intent.from, intent.to);
      return problem ? refuse(problem) : { ok: true, graph: { ...graph, edges: [...graph.edges, { from: intent.from, to: intent.to }] } };
    }
    case 'paste': {
      const alien = intent.nodes.find((n) => !isExpressionType(n.type));
      if (alien) return refuse(`Cannot paste '${alien.id}': '${alien.type}' is a network block, not a gate.`);
      return generic(graph, intent);
    }
    case 'apply-fix': {
      let current = graph;
      for (const edit of intent.edits) {
        const r = applyEdit(current, edit, generic);
        if (!r.ok) return r;
        current = r.graph;
      }
      return { ok: true, graph: current };
    }
    case 'set-training':
      return refuse('An expression graph has nothing to train.');
    case 'delete':
      return keepOutput(graph, generic(graph, intent));
    default:
      return generic(graph, intent);
  }
}
