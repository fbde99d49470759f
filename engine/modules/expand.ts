/**
 * Module expansion: a graph whose nodes use modules (`"type": "module:bottleneck"`) becomes the flat graph that
 * analysis, training, the gradient check and both exports compute on. Each use's nodes are copied with ids that
 * name their path (`l2b0/conv1`; a `repeat` of N adds the copy's index: `layer1/0/conv1`; nested modules nest),
 * parameter references are replaced by the use's values, the edge into the use goes to what the module's input
 * feeds and edges out of the use leave from the module's output.
 *
 * Edge order is kept wherever it matters (a concat joins its inputs in edge order): every edge into an inner node
 * comes from the module's own edge list, in its order. A use that cannot be expanded (unknown module, a cycle
 * between modules, a definition without exactly one input and one output) stays in the flat graph as one node
 * without a shape, so everything around it is still analysed, and the problem is a diagnostic on it.
 *
 * A graph without modules is returned as is (the same object), so files that do not use them cost nothing.
 */
import { closestName } from '../shape/closest';
import { diagnostic, type Diagnostic, type DiagnosticCode, type Fix, type ModuleBodyEdit } from '../shape/diagnostics';
import { keepUnchanged } from '../graph/keepUnchanged';
import { setOwn } from '../graph/setOwn';
import { isModuleUse, MODULE_TYPE_PREFIX, type Graph, type GraphEdge, type GraphNode, type JsonValue } from '../graph/types';
import { moduleBoundary } from './boundary';
import { boundaryFixes } from './boundaryFixes';
import { sharedBy } from './innerNode';
import { unknownParamFixes } from './paramFixes';
import { argumentsOf, REPEAT_ATTRIBUTE, repeatOf, substitute, type ParamProblem } from './params';

/** One use of a module in the flat graph (top-level uses, uses inside modules, and each copy of a repeat). */
export interface ModuleUse {
  /** Its path: the node's id at the top level (`l2b0`), `outer/inner` inside a module. */
  readonly path: string;
  readonly module: string;
  /** The flat ids of every node it expanded to (nested uses included), in file order. */
  readonly members: readonly string[];
  /** The flat id of its output node. */
  readonly output: string;
  /** The flat id of the node feeding it; null when nothing does (a diagnostic says so). */
  readonly input: string | null;
  /** The parameter values its nodes were expanded with (defaults filled in): what `"$filters"` meant here. */
  readonly args: Readonly<Record<string, JsonValue>>;
}

/** Where a flat node came from. */
export interface NodeOrigin {
  /** The module whose definition holds the node, and the node's id there. */
  readonly module: string;
  readonly node: string;
  /** The top-level node (a module use) it is part of. */
  readonly topUse: string;
}

export interface Expansion {
  /** The flat graph: no modules, no module uses that could be expanded. */
  readonly graph: Graph;
  /** Problems of modules and their uses, on the use's path or the inner node's path. */
  readonly diagnostics: readonly Diagnostic[];
  /** Every expanded use, by path. */
  readonly uses: ReadonlyMap<string, ModuleUse>;
  /** Uses that could not be expanded: they stay as one node without a shape. */
  readonly unexpanded: ReadonlySet<string>;
  /** The origin of every node that came from a module, by flat id. */
  readonly origins: ReadonlyMap<string, NodeOrigin>;
}

/** Edge sources that stand for "the node feeding use P" until the edge into P is read: '\0' + P. */
const MARK = '\u0000';

const cache = new WeakMap<Graph, Expansion>();

export function hasModules(graph: Graph): boolean {
  return graph.modules !== undefined || graph.nodes.some(isModuleUse);
}

/**
 * The expansion of `graph`, computed once per graph object. With the expansion of the graph before an edit, the
 * flat graph keeps that one's node objects wherever they say the same (engine/graph/keepUnchanged.ts): an edit
 * then leaves the other copies' objects as they were, and the incremental analysis finds them by object.
 */
export function expandModules(graph: Graph, previous?: Expansion): Expansion {
  let e = cache.get(graph);
  if (!e) {
    e = hasModules(graph) ? expand(graph) : { graph, diagnostics: [], uses: new Map(), unexpanded: new Set(), origins: new Map() };
    if (previous && e.graph !== graph) e = { ...e, graph: keepUnchanged(previous.graph, e.graph) };
    cache.set(graph, e);
  }
  return e;
}

interface PendingUse {
  readonly path: string;
  readonly module: string;
  readonly members: string[];
  readonly output: string;
  readonly args: Readonly<Record<string, JsonValue>>;
}

function expand(graph: Graph): Expansion {
  const modules = graph.modules ?? {};
  const names = Object.keys(modules);
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const diagnostics: Diagnostic[] = [];
  const pending: PendingUse[] = [];
  const unexpanded = new Set<string>();
  const origins = new Map<string, NodeOrigin>();
  /** Marker → what feeds it (a flat id or another marker). */
  const feeds = new Map<string, string>();

  const report = (node: string, code: DiagnosticCode, message: string, attribute?: string, fixes: readonly Fix[] = []) =>
    diagnostics.push(diagnostic(node, 'error', code, message, fixes, attribute));
  /** A fix of the body `scope` writes: the file's top level, or a module's definition (every use follows). */
  const inBody = (scope: Scope, title: string, edit: ModuleBodyEdit): Fix =>
    scope.module === null
      ? { title, edits: [edit] }
      : { title: `${title} (in ${sharedBy(graph, scope.module)})`, edits: [{ kind: 'edit-module', module: scope.module, edit }] };
  const reportAll = (node: string, problems: readonly ParamProblem[]) => {
    for (const p of problems) report(node, p.code, p.message, p.attribute);
  };

  interface Scope {
    readonly prefix: string;
    /** The module whose body this is (null at the top level), its input node and the marker standing for its feed. */
    readonly module: string | null;
    readonly input: string | null;
    readonly inputMarker: string | null;
    readonly params: Readonly<Record<string, JsonValue>> | null;
    readonly stack: readonly string[];
    readonly topUse: string | null;
  }

  /** Copies one body (the top level or a module's definition) into the flat graph; returns each id's flat output. */
  function expandBody(bodyNodes: readonly GraphNode[], bodyEdges: readonly GraphEdge[], scope: Scope): (id: string) => string {
    const outputs = new Map<string, string>();
    for (const node of bodyNodes) {
      if (node.id === scope.input) continue;
      const path = scope.prefix + node.id;
      if (isModuleUse(node)) {
        const output = expandUse(node, path, scope);
        if (output !== null) outputs.set(node.id, output);
        continue;
      }
      if (scope.params === null) {
        nodes.push(node); // the top level: the very node object, so caches keyed by node stay warm
        continue;
      }
      const problems: ParamProblem[] = [];
      const attrs: Record<string, JsonValue> = {};
      for (const [k, v] of Object.entries(node.attrs)) {
        const value = substitute(v, scope.params, k, scope.module!, problems);
        // Plain assignment keeps the object fast to read (defineProperty on every key made analysis 20× slower).
        if (k === '__proto__') setOwn(attrs, k, value);
        else attrs[k] = value;
      }
      reportAll(path, problems);
      nodes.push({ id: path, type: node.type, attrs, ...(node.label !== undefined ? { label: node.label } : {}) });
      origins.set(path, { module: scope.module!, node: node.id, topUse: scope.topUse! });
    }
    const flatId = (id: string) => outputs.get(id) ?? scope.prefix + id;
    for (const e of bodyEdges) {
      const from = e.from === scope.input && scope.inputMarker !== null ? scope.inputMarker : flatId(e.from);
      if (outputs.has(e.to)) {
        const marker = MARK + scope.prefix + e.to;
        if (feeds.has(marker)) {
          report(
            scope.prefix + e.to,
            'module-input',
            `A module takes one input; '${scope.prefix + e.to}' has more than one incoming edge (${e.from} → ${e.to} is one too many). Join them with an add or concat first.`,
            undefined,
            [inBody(scope, `remove the edge ${e.from} → ${e.to}`, { kind: 'remove-edge', from: e.from, to: e.to })],
          );
        }
        else feeds.set(marker, from);
        continue;
      }
      edges.push(scope.params === null && from === e.from ? e : { from, to: scope.prefix + e.to });
    }
    return flatId;
  }

  /** Expands one use; returns its output's flat id, or null when it stays unexpanded. */
  function expandUse(node: GraphNode, path: string, scope: Scope): string | null {
    const name = node.type.slice(MODULE_TYPE_PREFIX.length);
    const keep = (code: DiagnosticCode, message: string, fixes: readonly Fix[] = []): null => {
      report(path, code, message, undefined, fixes);
      nodes.push({ ...node, id: path });
      unexpanded.add(path);
      if (scope.module !== null) origins.set(path, { module: scope.module, node: node.id, topUse: scope.topUse! });
      return null;
    };
    const definition = Object.hasOwn(modules, name) ? modules[name] : undefined;
    if (!definition) {
      const guess = closestName(name, names);
      return keep(
        'unknown-module',
        `Unknown module '${name}'${guess ? ` (did you mean 'module:${guess}'?)` : ''}; ${names.length ? `the file defines ${names.map((n) => `module:${n}`).join(', ')}` : 'the file defines no "modules"'}.`,
        guess ? [inBody(scope, `change type to 'module:${guess}'`, { kind: 'set-type', node: node.id, type: MODULE_TYPE_PREFIX + guess })] : [],
      );
    }
    if (scope.stack.includes(name)) return keep('module-cycle', `Module '${name}' uses itself (${[...scope.stack, name].join(' → ')}); a module cannot contain itself, directly or through others.`);
    const boundary = moduleBoundary(name, definition);
    if (!boundary.ok) return keep('module-boundary', boundary.message, boundaryFixes(name, definition, boundary.problem, sharedBy(graph, name)));

    const problems: ParamProblem[] = [];
    let given: Record<string, JsonValue> = node.attrs as Record<string, JsonValue>;
    if (scope.params !== null) {
      given = {};
      for (const [k, v] of Object.entries(node.attrs)) setOwn(given, k, substitute(v, scope.params, k, scope.module!, problems));
    }
    const args = argumentsOf(name, definition, given, node.id);
    const repeat = repeatOf(given);
    reportAll(path, problems);
    for (const p of args.problems) report(path, p.code, p.message, p.attribute, unknownParamFixes(graph, scope.module, node, p));
    reportAll(path, repeat.problem ? [repeat.problem] : []);

    const start = nodes.length;
    const topUse = scope.topUse ?? path;
    const repeated = Object.hasOwn(node.attrs, REPEAT_ATTRIBUTE);
    let output = '';
    for (let k = 0; k < repeat.count; k++) {
      const copy = repeated ? `${path}/${k}` : path;
      if (copy !== path) feeds.set(MARK + copy, k === 0 ? MARK + path : output);
      const copyStart = nodes.length;
      const flatId = expandBody(definition.nodes, definition.edges, {
        prefix: copy + '/',
        module: name,
        input: boundary.input,
        inputMarker: MARK + copy,
        params: args.values,
        stack: [...scope.stack, name],
        topUse,
      });
      output = flatId(boundary.output);
      if (copy !== path) pending.push({ path: copy, module: name, members: nodes.slice(copyStart).map((n) => n.id), output, args: args.values });
    }
    pending.push({ path, module: name, members: nodes.slice(start).map((n) => n.id), output, args: args.values });
    if (scope.module !== null) origins.set(path, { module: scope.module, node: node.id, topUse });
    return output;
  }

  expandBody(graph.nodes, graph.edges, { prefix: '', module: null, input: null, inputMarker: null, params: null, stack: [], topUse: null });

  /** What feeds a marker, following markers: a flat id, or the last marker when nothing feeds it. */
  const resolve = (from: string): string => {
    let at = from;
    for (let hops = 0; at.startsWith(MARK) && feeds.has(at) && hops <= feeds.size; hops++) at = feeds.get(at)!;
    return at;
  };
  const flatEdges: GraphEdge[] = [];
  const unfed = new Set<string>();
  for (const e of edges) {
    const from = e.from.startsWith(MARK) ? resolve(e.from) : e.from;
    if (!from.startsWith(MARK)) flatEdges.push(from === e.from ? e : { from, to: e.to });
    else unfed.add(from.slice(MARK.length));
  }
  const uses = new Map<string, ModuleUse>();
  for (const u of pending) {
    const input = resolve(MARK + u.path);
    uses.set(u.path, { ...u, input: input.startsWith(MARK) ? null : input });
  }
  for (const path of unfed) report(path, 'module-input', `Nothing feeds the module use '${path}': connect one node to it (a module takes exactly one input).`);

  const flat: Graph = { ...graph, nodes, edges: flatEdges };
  delete (flat as { modules?: unknown }).modules;
  return { graph: flat, diagnostics, uses, unexpanded, origins };
}
