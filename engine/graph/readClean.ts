/**
 * The fast path of reading a `*.nn.json` document: the platform's JSON.parse (native, ~20× faster than building a
 * syntax tree with offsets for every value) and a check of the structure on the plain values. It answers only for
 * a clean document — one on which the full reader (parse.ts) reports no problem at all, not even a warning — and
 * then returns exactly the graph the full reader builds (test/graph/readClean.test.ts compares the two over the
 * examples and random edits). Anything it is not sure of returns null, and the full reader runs: syntax errors
 * (which need a line and column), duplicate keys (JSON.parse silently keeps the last one; the full reader warns),
 * unknown fields, a field of the wrong type, nesting too deep.
 *
 * Why: a text edit in a 500-node graph re-reads 64 kB; the full reader took 13 ms of the 16 ms a frame has, most
 * of it positions nobody looks at unless a problem is shown. The full reader's source ranges stay available, lazily.
 */
import { MAX_NESTING } from './nesting';
import { setOwn } from './setOwn';
import { GRAPH_FORMAT, GRAPH_KINDS, GRAPH_VERSION, type Graph, type GraphEdge, type GraphKind, type GraphNode, type JsonObject, type JsonValue, type ModuleDefinition, type NodePosition } from './types';

/**
 * The top-level fields this reader understands. Deliberately its own list, not the full reader's: a field added to
 * the format later (read by parse.ts) sends the document down the full reader until this list learns it too.
 */
const KNOWN_TOP_LEVEL = new Set(['format', 'version', 'kind', 'name', 'description', 'output', 'modules', 'nodes', 'edges', 'layout', 'training']);

/** A module's fields and the shape of its name, as the full reader accepts them without a word. */
const MODULE_KEYS = new Set(['description', 'params', 'nodes', 'edges']);
const MODULE_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** The node keys that are not attributes, as in the full reader. */
const NODE_IDENTITY = new Set(['id', 'type', 'label']);

type Plain = { [key: string]: unknown };

const isObject = (v: unknown): v is Plain => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * One pass over the text outside strings: how deep arrays and objects nest, and how many `:` separate a key from
 * its value. In a text JSON.parse accepts there is exactly one such colon per object member, so comparing the count
 * with the members of the parsed objects tells whether any object repeated a key.
 */
function scan(text: string, depthAbove = 0): { tooDeep: boolean; members: number } {
  let depth = depthAbove;
  let members = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x3a) members++;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > MAX_NESTING) return { tooDeep: true, members };
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return { tooDeep: false, members };
}

/** Members of every object in a parsed value (own keys, "__proto__" included: JSON.parse makes it an own key). */
function countMembers(v: unknown): number {
  if (Array.isArray(v)) {
    let n = 0;
    for (const x of v) if (x !== null && typeof x === 'object') n += countMembers(x);
    return n;
  }
  if (!isObject(v)) return 0;
  let n = 0;
  for (const key of Object.keys(v)) {
    n++;
    const x = v[key];
    if (x !== null && typeof x === 'object') n += countMembers(x);
  }
  return n;
}

function readNode(v: unknown): GraphNode | null {
  if (!isObject(v)) return null;
  const { id, type, label } = v;
  if (typeof id !== 'string' || id.trim() === '' || typeof type !== 'string') return null;
  if (label !== undefined && typeof label !== 'string') return null;
  const attrs: Record<string, JsonValue> = {};
  for (const key of Object.keys(v)) {
    if (NODE_IDENTITY.has(key)) continue;
    // Plain assignment is several times faster than defineProperty; only "__proto__" needs setOwn.
    if (key === '__proto__') setOwn(attrs, key, v[key] as JsonValue);
    else attrs[key] = v[key] as JsonValue;
  }
  return { id, type, attrs, ...(label !== undefined ? { label } : {}) };
}

function readEdge(v: unknown): GraphEdge | null {
  if (!isObject(v)) return null;
  const keys = Object.keys(v);
  if (keys.length !== 2 || typeof v.from !== 'string' || typeof v.to !== 'string') return null;
  return { from: v.from, to: v.to };
}

function readNodes(v: unknown): GraphNode[] | null {
  if (!Array.isArray(v)) return null;
  const nodes: GraphNode[] = [];
  for (const x of v) {
    const node = readNode(x);
    if (!node) return null;
    nodes.push(node);
  }
  return nodes;
}

/** Absent edges are none; anything but an array of clean edges sends the document to the full reader. */
function readEdges(v: unknown): GraphEdge[] | null {
  if (v === undefined) return [];
  if (!Array.isArray(v)) return null;
  const edges: GraphEdge[] = [];
  for (const x of v) {
    const edge = readEdge(x);
    if (!edge) return null;
    edges.push(edge);
  }
  return edges;
}

/** The "modules" section: only its structure, as the full reader reads it (what a definition means is judged per use). */
function readModules(v: unknown): Record<string, ModuleDefinition> | null {
  if (!isObject(v)) return null;
  const modules: Record<string, ModuleDefinition> = {};
  for (const name of Object.keys(v)) {
    const m = v[name];
    if (!MODULE_NAME.test(name) || !isObject(m)) return null;
    for (const key of Object.keys(m)) if (!MODULE_KEYS.has(key)) return null;
    const { description, params } = m;
    if (description !== undefined && typeof description !== 'string') return null;
    if (params !== undefined && !isObject(params)) return null;
    const nodes = readNodes(m.nodes);
    const edges = readEdges(m.edges);
    if (!nodes || !edges) return null;
    // A module may be called "__proto__" (the name rule allows it): an own key, as the full reader makes it.
    setOwn(modules, name, { ...(description !== undefined ? { description } : {}), params: (params ?? {}) as JsonObject, nodes, edges });
  }
  return modules;
}

function readLayout(v: unknown): Record<string, NodePosition> | null {
  if (!isObject(v)) return null;
  const layout: Record<string, NodePosition> = {};
  for (const key of Object.keys(v)) {
    const p = v[key];
    if (!isObject(p) || !Number.isFinite(p.x) || !Number.isFinite(p.y)) return null;
    const position = { x: p.x as number, y: p.y as number };
    if (key === '__proto__') setOwn(layout, key, position);
    else layout[key] = position;
  }
  return layout;
}

/**
 * One node of a clean document re-read on its own (engine/graph/readEdited.ts): the text of its object, which sits
 * `depthAbove` levels deep (the root object and the nodes array: 2). The same checks as for the whole document, so
 * the node is the one readCleanGraph would read there; null for anything else (then the whole text is read).
 */
export function readCleanNode(text: string, depthAbove: number): GraphNode | null {
  const v = parseCounted(text, depthAbove);
  return v && readNode(v);
}

/**
 * `text` parsed by the native JSON.parse when it is an object nested no deeper than the limit (counting the
 * `depthAbove` levels around it) whose members all survived (no repeated key silently dropped); null otherwise.
 */
function parseCounted(text: string, depthAbove = 0): Record<string, unknown> | null {
  const { tooDeep, members } = scan(text, depthAbove);
  if (tooDeep) return null;
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  return isObject(v) && countMembers(v) === members ? v : null;
}

/** The graph of a clean document (see above), or null: then only the full reader can say what is wrong. */
export function readCleanGraph(text: string): Graph | null {
  if (text.trim() === '') return null;
  const root = parseCounted(text);
  if (!root) return null;
  for (const key of Object.keys(root)) if (!KNOWN_TOP_LEVEL.has(key)) return null;
  const { format, version, kind, name, description, output, training } = root;
  if (format !== GRAPH_FORMAT || version !== GRAPH_VERSION) return null;
  if (kind !== undefined && !GRAPH_KINDS.includes(kind as GraphKind)) return null;
  // "output" outside an expression graph is ignored with a warning: the full reader says so.
  if (output !== undefined && (typeof output !== 'string' || kind !== 'expression')) return null;
  if (name !== undefined && typeof name !== 'string') return null;
  if (description !== undefined && typeof description !== 'string') return null;
  if (training !== undefined && !isObject(training)) return null;
  const nodes = readNodes(root.nodes);
  const edges = readEdges(root.edges);
  if (!nodes || !edges) return null;
  const modules = root.modules === undefined ? undefined : readModules(root.modules);
  if (modules === null) return null;
  const layout = root.layout === undefined ? {} : readLayout(root.layout);
  if (!layout) return null;

  return {
    ...(kind !== undefined ? { kind: kind as GraphKind } : {}),
    name: name !== undefined ? name : kind === 'expression' ? 'Untitled expression' : 'Untitled network',
    ...(description !== undefined ? { description } : {}),
    nodes,
    edges,
    layout,
    ...(training !== undefined ? { training: training as JsonObject } : {}),
    ...(output !== undefined ? { output } : {}),
    ...(modules ? { modules } : {}),
  };
}
