/**
 * The module edits of the canvas: "Group into module" (a selection with one input and one output becomes a module
 * definition and one node using it) and editing a module definition's node (every use follows, since they share
 * the definition). Pure, like every intent: the extension turns the new graph into minimal text edits, so both go
 * through VS Code's document model and undo.
 */
import { MODULE_TYPE_PREFIX, type Graph, type GraphEdge, type GraphNode, type JsonValue, type ModuleDefinition, type NodePosition } from '../graph/types';
import { uniqueId } from './ids';

export type ModuleIntentResult = { readonly ok: true; readonly graph: Graph } | { readonly ok: false; readonly error: string };

const refuse = (error: string): ModuleIntentResult => ({ ok: false, error });
const NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/**
 * Replaces the selected nodes by one use of a new module holding them. The selection must have one input (every
 * edge entering it comes from the same node outside) and one output (exactly one selected node is read from
 * outside, and it is the only selected node nothing selected reads). Edge order is kept: the use takes the first
 * entering edge's place, and the edges leaving the output keep theirs (a concat downstream keeps its input order).
 */
export function groupIntoModule(graph: Graph, selected: readonly string[], name: string): ModuleIntentResult {
  if (!NAME.test(name)) return refuse(`"${name}" cannot name a module: use letters, digits, _ and -, starting with a letter or _.`);
  if (graph.modules && Object.hasOwn(graph.modules, name)) return refuse(`There is already a module named '${name}'.`);
  const ids = new Set(selected);
  const nodes = graph.nodes.filter((n) => ids.has(n.id));
  if (nodes.length !== ids.size) return refuse(`The selection names nodes that are not in the graph: ${[...ids].filter((id) => !graph.nodes.some((n) => n.id === id)).join(', ')}.`);
  if (nodes.length === 0) return refuse('Select the nodes to group first.');
  const inputNode = nodes.find((n) => n.type === 'input');
  if (inputNode) return refuse(`The selection holds the graph's input '${inputNode.id}'; a module's input is whatever feeds it: leave '${inputNode.id}' out.`);

  const entering = graph.edges.filter((e) => !ids.has(e.from) && ids.has(e.to));
  const leaving = graph.edges.filter((e) => ids.has(e.from) && !ids.has(e.to));
  const internal = graph.edges.filter((e) => ids.has(e.from) && ids.has(e.to));
  const sources = [...new Set(entering.map((e) => e.from))];
  if (sources.length !== 1) {
    return refuse(sources.length === 0 ? 'Nothing outside the selection feeds it: a module has exactly one input.' : `The selection is fed by ${sources.length} nodes (${sources.join(', ')}); a module has exactly one input.`);
  }
  const readInside = new Set(internal.map((e) => e.from));
  const sinks = nodes.filter((n) => !readInside.has(n.id)).map((n) => n.id);
  if (sinks.length !== 1) return refuse(`The selection has ${sinks.length} outputs (${sinks.join(', ')}: nodes nothing selected reads); a module has exactly one.`);
  const [output] = sinks;
  const readOutside = [...new Set(leaving.map((e) => e.from))].filter((id) => id !== output);
  if (readOutside.length) return refuse(`'${readOutside[0]}' inside the selection is read from outside it; only the module's output ('${output}') may be.`);

  const inputId = uniqueId('in', ids);
  const definition: ModuleDefinition = {
    params: {},
    nodes: [{ id: inputId, type: 'input', attrs: {} }, ...nodes],
    edges: graph.edges.filter((e) => ids.has(e.to)).map((e) => (ids.has(e.from) ? e : { from: inputId, to: e.to })),
  };
  const useId = uniqueId(name, new Set(graph.nodes.filter((n) => !ids.has(n.id)).map((n) => n.id)));
  const use: GraphNode = { id: useId, type: MODULE_TYPE_PREFIX + name, attrs: {} };
  const first = graph.nodes.findIndex((n) => ids.has(n.id));
  const kept = graph.nodes.filter((n) => !ids.has(n.id));
  const at = graph.nodes.slice(0, first).filter((n) => !ids.has(n.id)).length;
  const edges: GraphEdge[] = [];
  let entered = false;
  for (const e of graph.edges) {
    if (ids.has(e.to) && !ids.has(e.from)) {
      if (!entered) edges.push({ from: e.from, to: useId });
      entered = true;
    } else if (ids.has(e.from) && !ids.has(e.to)) edges.push({ from: useId, to: e.to });
    else if (!ids.has(e.from) && !ids.has(e.to)) edges.push(e);
  }
  const positions = nodes.map((n) => graph.layout[n.id]).filter((p): p is NodePosition => p !== undefined);
  const layout: Record<string, NodePosition> = Object.fromEntries(Object.entries(graph.layout).filter(([id]) => !ids.has(id)));
  if (positions.length) layout[useId] = { x: Math.round(Math.min(...positions.map((p) => p.x))), y: Math.round(Math.min(...positions.map((p) => p.y))) };
  return {
    ok: true,
    graph: {
      ...graph,
      modules: { ...(graph.modules ?? {}), [name]: definition },
      nodes: [...kept.slice(0, at), use, ...kept.slice(at)],
      edges,
      layout,
    },
  };
}

/** Sets (or with `value` undefined removes) an attribute of a node in a module definition: every use changes. */
export function setModuleAttribute(graph: Graph, module: string, node: string, attribute: string, value: JsonValue | undefined): ModuleIntentResult {
  const definition = graph.modules && Object.hasOwn(graph.modules, module) ? graph.modules[module] : undefined;
  if (!definition) return refuse(`There is no module '${module}'.`);
  if (!definition.nodes.some((n) => n.id === node)) return refuse(`Module '${module}' has no node '${node}'.`);
  if (['id', 'type', 'label'].includes(attribute)) return refuse(`'${attribute}' is not an attribute.`);
  const nodes = definition.nodes.map((n) => {
    if (n.id !== node) return n;
    // A changed value keeps its place among the attributes (so changing it back gives the very same line).
    const attrs = Object.fromEntries(Object.entries(n.attrs).flatMap(([k, v]): [string, JsonValue][] => (k !== attribute ? [[k, v]] : value === undefined ? [] : [[k, value]])));
    return { ...n, attrs: value === undefined || Object.hasOwn(n.attrs, attribute) ? attrs : { ...attrs, [attribute]: value } };
  });
  return { ok: true, graph: { ...graph, modules: { ...graph.modules, [module]: { ...definition, nodes } } } };
}

/** Whether `type` names a module the file defines (`module:basic`): a fix may change a node's type to it. */
export function definesModule(graph: Graph, type: string): boolean {
  return type.startsWith(MODULE_TYPE_PREFIX) && graph.modules !== undefined && Object.hasOwn(graph.modules, type.slice(MODULE_TYPE_PREFIX.length));
}

/**
 * A structural edit of a module's definition: `apply` edits the definition's nodes and edges as it would a graph's
 * (the body sees the file's modules, so a node may become a use of another), and they are written back. Every
 * use of the module follows, since they share the definition.
 */
export function editModuleBody(graph: Graph, module: string, apply: (body: Graph) => ModuleIntentResult): ModuleIntentResult {
  const definition = graph.modules && Object.hasOwn(graph.modules, module) ? graph.modules[module] : undefined;
  if (!definition) return refuse(`There is no module '${module}'.`);
  const body: Graph = { name: module, nodes: definition.nodes, edges: definition.edges, layout: {}, modules: graph.modules };
  const r = apply(body);
  if (!r.ok) return refuse(`In module '${module}': ${r.error}`);
  return { ok: true, graph: { ...graph, modules: { ...graph.modules, [module]: { ...definition, nodes: r.graph.nodes, edges: r.graph.edges } } } };
}
