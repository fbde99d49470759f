/**
 * Reads a `*.nn.json` document: JSON syntax (with line and column for every error), then the structure of format
 * version 1. Attribute values are not judged here — that is the shape engine's job, which reports them per node —
 * so a file with a typo in one attribute still opens and shows everything else.
 *
 * Returns source ranges for nodes, their fields and edges, so diagnostics can be mapped back to lines (the
 * Problems panel, quick fixes in the text editor).
 *
 * Two readers give the same answer: a clean document (no problem at all) is read by readClean.ts through the
 * native JSON.parse, and its source ranges are built only when first asked for; any other document goes through
 * the full reader below (parseGraphTree), a syntax tree with a position for every value.
 */
import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { firstTooDeep, MAX_NESTING } from './nesting';
import { readCleanGraph } from './readClean';
import { setOwn } from './setOwn';
import { LineIndex, type SourceRange } from './source';
import { GRAPH_FORMAT, GRAPH_KINDS, GRAPH_VERSION, type Graph, type GraphKind, type GraphEdge, type GraphNode, type JsonObject, type JsonValue, type ModuleDefinition, type NodePosition } from './types';

export interface FileProblem {
  readonly severity: 'error' | 'warning';
  readonly message: string;
  readonly range: SourceRange;
}

export interface NodeSource {
  /** The whole node object. */
  readonly range: SourceRange;
  /** Each property's value (id, type and attributes), by key. */
  readonly fields: ReadonlyMap<string, SourceRange>;
}

export interface GraphSource {
  readonly nodes: ReadonlyMap<string, NodeSource>;
  /** Edge ranges in file order (parallel to graph.edges). */
  readonly edges: readonly SourceRange[];
  /** Each module definition's text: the whole definition (its name's value), its nodes and edges. Absent without modules. */
  readonly modules?: ReadonlyMap<string, ModuleSource>;
}

export interface ModuleSource {
  readonly range: SourceRange;
  /** The definition's name (its key, `"bottleneck"`): where a problem of the whole definition is shown. */
  readonly name: SourceRange;
  readonly nodes: ReadonlyMap<string, NodeSource>;
  readonly edges: readonly SourceRange[];
}

export interface ParseResult {
  /** Present when the document is a readable version-1 graph (warnings allowed). */
  readonly graph?: Graph;
  readonly problems: readonly FileProblem[];
  readonly source: GraphSource;
}

const TOP_LEVEL_KEYS = ['format', 'version', 'kind', 'name', 'description', 'output', 'modules', 'nodes', 'edges', 'layout', 'training'];
const MODULE_KEYS = ['description', 'params', 'nodes', 'edges'];
const NODE_RESERVED = ['id', 'type', 'label'];

const SYNTAX_MESSAGES: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'expected a property name in double quotes',
  ValueExpected: 'expected a value',
  ColonExpected: "expected ':'",
  CommaExpected: "expected ','",
  CloseBraceExpected: "expected '}'",
  CloseBracketExpected: "expected ']'",
  EndOfFileExpected: 'unexpected content after the end of the document',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'unterminated comment',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'unterminated number',
  InvalidUnicode: 'invalid unicode escape',
  InvalidEscapeCharacter: 'invalid escape character',
  InvalidCharacter: 'invalid character in string',
};

function valueOf(node: JsonNode): JsonValue {
  switch (node.type) {
    case 'object': {
      const out: JsonObject = {};
      for (const prop of node.children ?? []) {
        const [k, v] = prop.children ?? [];
        if (k && v) setOwn(out, k.value as string, valueOf(v));
      }
      return out;
    }
    case 'array':
      return (node.children ?? []).map(valueOf);
    default:
      return node.value as JsonValue;
  }
}

function properties(node: JsonNode): { key: string; keyNode: JsonNode; value: JsonNode }[] {
  return (node.children ?? []).flatMap((p) => {
    const [k, v] = p.children ?? [];
    return k && v ? [{ key: k.value as string, keyNode: k, value: v }] : [];
  });
}

export function parseGraphText(original: string): ParseResult {
  const text = withoutByteOrderMark(original);
  const graph = readCleanGraph(text);
  return graph ? parsedClean(text, graph) : parseGraphTree(text);
}

/** The reading of a clean document (no problem at all) whose graph is known: its source ranges are found when asked for. */
export function parsedClean(original: string, graph: Graph): ParseResult {
  let source: GraphSource | undefined;
  return {
    graph,
    problems: [],
    // Positions only matter once a diagnostic is shown; then the full reader finds them (once per document).
    get source(): GraphSource {
      source ??= parseGraphTree(original).source;
      return source;
    },
  };
}

/** A byte-order mark (some Windows editors write one) becomes a space: valid JSON whitespace, same offsets. */
function withoutByteOrderMark(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
}

/** The full reader: every problem with its line and column, and the source ranges of every node, field and edge. */
export function parseGraphTree(original: string): ParseResult {
  const text = withoutByteOrderMark(original);
  const lines = new LineIndex(text);
  const problems: FileProblem[] = [];
  const nodeSources = new Map<string, NodeSource>();
  const edgeSources: SourceRange[] = [];
  const source: { nodes: Map<string, NodeSource>; edges: SourceRange[]; modules?: Map<string, ModuleSource> } = { nodes: nodeSources, edges: edgeSources };
  const at = (n: JsonNode | { offset: number; length: number }) => lines.range(n.offset, n.length);
  const error = (where: JsonNode | { offset: number; length: number }, message: string) =>
    problems.push({ severity: 'error', message, range: at(where) });
  const warn = (where: JsonNode, message: string) => problems.push({ severity: 'warning', message, range: at(where) });

  if (text.trim() === '') {
    error({ offset: 0, length: 0 }, 'The file is empty; expected a wiregrad graph (a JSON object with "format": "wiregrad.graph").');
    return { problems, source };
  }
  const tooDeep = firstTooDeep(text);
  if (tooDeep >= 0) {
    error({ offset: tooDeep, length: 1 }, `The JSON nests arrays and objects more than ${MAX_NESTING} levels deep here; a graph file needs about six.`);
    return { problems, source };
  }
  const syntax: ParseError[] = [];
  const root = parseTree(text, syntax, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (syntax.length > 0 || !root) {
    for (const e of syntax) {
      const code = printParseErrorCode(e.error);
      error(e, `JSON syntax error: ${SYNTAX_MESSAGES[code] ?? code}`);
    }
    return { problems, source };
  }
  if (root.type !== 'object') {
    error(root, 'Expected a JSON object with "format": "wiregrad.graph".');
    return { problems, source };
  }

  warnDuplicateKeys(root, 'the top level');
  const top = new Map(properties(root).map((p) => [p.key, p]));
  for (const p of properties(root)) {
    if (!TOP_LEVEL_KEYS.includes(p.key)) warn(p.keyNode, `Unknown top-level field "${p.key}" (known: ${TOP_LEVEL_KEYS.join(', ')}); it is ignored.`);
  }
  const format = top.get('format');
  if (!format || format.value.value !== GRAPH_FORMAT) {
    error(format?.value ?? root, `Expected "format": "${GRAPH_FORMAT}"${format ? `, got ${JSON.stringify(valueOf(format.value))}` : ''}.`);
  }
  const version = top.get('version');
  if (!version || version.value.value !== GRAPH_VERSION) {
    const v = version ? valueOf(version.value) : undefined;
    const newer = typeof v === 'number' && v > GRAPH_VERSION;
    error(
      version?.value ?? root,
      newer
        ? `This file is format version ${v}, written by a newer wiregrad; this one reads version ${GRAPH_VERSION}.`
        : `Expected "version": ${GRAPH_VERSION}${version ? `, got ${JSON.stringify(v)}` : ''}.`,
    );
  }
  const kind = top.get('kind');
  if (kind && !GRAPH_KINDS.includes(kind.value.value as GraphKind)) {
    error(kind.value, `"kind" must be ${GRAPH_KINDS.map((k) => JSON.stringify(k)).join(' or ')} (a network when absent), got ${JSON.stringify(valueOf(kind.value))}.`);
  }
  const output = top.get('output');
  if (output && output.value.type !== 'string') error(output.value, '"output" must be the id of the node whose value is f.');
  else if (output && kind?.value.value !== 'expression') warn(output.keyNode, '"output" is read only in expression graphs ("kind": "expression"); it is ignored.');
  const name = top.get('name');
  if (name && name.value.type !== 'string') error(name.value, '"name" must be a string.');
  const description = top.get('description');
  if (description && description.value.type !== 'string') error(description.value, '"description" must be a string.');

  const modules = readModules(top.get('modules')?.value);

  const nodes: GraphNode[] = [];
  const nodesProp = top.get('nodes');
  if (!nodesProp || nodesProp.value.type !== 'array') {
    error(nodesProp?.value ?? root, 'Expected "nodes": an array of blocks.');
  } else {
    for (const [index, n] of (nodesProp.value.children ?? []).entries()) {
      const node = readNode(n, index, nodeSources);
      if (node) nodes.push(node);
    }
  }

  const edges = readEdges(top.get('edges')?.value, edgeSources);

  const layout: Record<string, NodePosition> = {};
  const layoutProp = top.get('layout');
  if (layoutProp) {
    if (layoutProp.value.type !== 'object') error(layoutProp.value, '"layout" must be an object of node id → { "x": number, "y": number }.');
    else {
      for (const p of properties(layoutProp.value)) {
        const v = valueOf(p.value);
        const ok = v !== null && typeof v === 'object' && !Array.isArray(v) && Number.isFinite(v.x) && Number.isFinite(v.y);
        if (!ok) warn(p.value, `Layout of '${p.key}' must be { "x": number, "y": number }; it is ignored.`);
        else setOwn(layout, p.key, { x: (v as { x: number }).x, y: (v as { y: number }).y });
      }
    }
  }

  const trainingProp = top.get('training');
  if (trainingProp && trainingProp.value.type !== 'object') error(trainingProp.value, '"training" must be an object.');

  if (problems.some((p) => p.severity === 'error')) return { problems, source };
  const graph: Graph = {
    ...(kind ? { kind: kind.value.value as GraphKind } : {}),
    name: name ? (name.value.value as string) : kind?.value.value === 'expression' ? 'Untitled expression' : 'Untitled network',
    ...(description ? { description: description.value.value as string } : {}),
    nodes,
    edges,
    layout,
    ...(trainingProp ? { training: valueOf(trainingProp.value) as JsonObject } : {}),
    ...(output ? { output: output.value.value as string } : {}),
    ...(modules ? { modules } : {}),
  };
  return { graph, problems, source };

  /** JSON allows a key twice and readers keep the last; say so, since the first (often a whole array) is lost. */
  function warnDuplicateKeys(object: JsonNode, where: string): void {
    const seen = new Set<string>();
    for (const p of properties(object)) {
      if (seen.has(p.key)) warn(p.keyNode, `"${p.key}" appears more than once in ${where}; only the last one is used.`);
      seen.add(p.key);
    }
  }

  function readEdges(edgesValue: JsonNode | undefined, sources: SourceRange[], where = ''): GraphEdge[] {
    const edges: GraphEdge[] = [];
    if (edgesValue && edgesValue.type !== 'array') {
      error(edgesValue, `Expected "edges"${where}: an array of { "from": id, "to": id }.`);
      return edges;
    }
    for (const [index, e] of (edgesValue?.children ?? []).entries()) {
      const fields = e.type === 'object' ? new Map(properties(e).map((p) => [p.key, p.value])) : null;
      const from = fields?.get('from');
      const to = fields?.get('to');
      if (!fields || from?.type !== 'string' || to?.type !== 'string' || fields.size !== 2) {
        error(e, `Edge ${index + 1}${where}: expected { "from": "<node id>", "to": "<node id>" }.`);
        continue;
      }
      edges.push({ from: from.value as string, to: to.value as string });
      sources.push(at(e));
    }
    return edges;
  }

  /**
   * The "modules" section: name → { params, nodes, edges }. Only the structure is read here; what a definition
   * means (one input, one output, parameter references) is judged per use by engine/modules/expand.ts, so a file
   * with a mistake inside a module still opens.
   */
  function readModules(value: JsonNode | undefined): Record<string, ModuleDefinition> | undefined {
    if (!value) return undefined;
    if (value.type !== 'object') {
      error(value, '"modules" must be an object of module name → { "params": {…}, "nodes": […], "edges": […] }.');
      return undefined;
    }
    warnDuplicateKeys(value, '"modules"');
    const out: Record<string, ModuleDefinition> = {};
    const sources = new Map<string, ModuleSource>();
    source.modules = sources;
    for (const p of properties(value)) {
      const name = p.key;
      if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(name)) {
        error(p.keyNode, `Module name "${name}" must start with a letter or _ and hold only letters, digits, _ and - (it is used as "type": "module:${name}").`);
        continue;
      }
      if (p.value.type !== 'object') {
        error(p.value, `Module '${name}' must be an object { "params": {…}, "nodes": […], "edges": […] }.`);
        continue;
      }
      warnDuplicateKeys(p.value, `module '${name}'`);
      const fields = new Map(properties(p.value).map((f) => [f.key, f]));
      for (const f of fields.values()) {
        if (!MODULE_KEYS.includes(f.key)) warn(f.keyNode, `Unknown field "${f.key}" in module '${name}' (known: ${MODULE_KEYS.join(', ')}); it is ignored.`);
      }
      const params = fields.get('params');
      if (params && params.value.type !== 'object') error(params.value, `"params" of module '${name}' must be an object of parameter name → default value (null: the use must give it).`);
      const description = fields.get('description');
      if (description && description.value.type !== 'string') error(description.value, `"description" of module '${name}' must be a string.`);
      const nodesValue = fields.get('nodes')?.value;
      const nodeSourcesOfModule = new Map<string, NodeSource>();
      const edgeSourcesOfModule: SourceRange[] = [];
      const moduleNodes: GraphNode[] = [];
      if (!nodesValue || nodesValue.type !== 'array') error(nodesValue ?? p.value, `Module '${name}' needs "nodes": an array of blocks, one of them { "type": "input" } (the module's input).`);
      else {
        for (const [index, n] of (nodesValue.children ?? []).entries()) {
          const node = readNode(n, index, nodeSourcesOfModule, ` of module '${name}'`);
          if (node) moduleNodes.push(node);
        }
      }
      const moduleEdges = readEdges(fields.get('edges')?.value, edgeSourcesOfModule, ` of module '${name}'`);
      sources.set(name, { range: at(p.value), name: at(p.keyNode), nodes: nodeSourcesOfModule, edges: edgeSourcesOfModule });
      setOwn(out, name, {
        ...(description?.value.type === 'string' ? { description: description.value.value as string } : {}),
        params: params?.value.type === 'object' ? (valueOf(params.value) as JsonObject) : {},
        nodes: moduleNodes,
        edges: moduleEdges,
      });
    }
    return out;
  }

  function readNode(n: JsonNode, index: number, sources: Map<string, NodeSource>, where = ''): GraphNode | null {
    if (n.type !== 'object') {
      error(n, `Node ${index + 1}${where}: expected an object with "id" and "type".`);
      return null;
    }
    const props = properties(n);
    warnDuplicateKeys(n, `node ${index + 1}${where}`);
    const fields = new Map(props.map((p) => [p.key, p.value]));
    const id = fields.get('id');
    const type = fields.get('type');
    if (id?.type !== 'string' || (id.value as string).trim() === '') {
      error(id ?? n, `Node ${index + 1}${where}: "id" must be a non-empty string.`);
      return null;
    }
    if (type?.type !== 'string') {
      error(type ?? n, `Node '${id.value}': "type" must be a string such as "conv2d".`);
      return null;
    }
    const label = fields.get('label');
    if (label && label.type !== 'string') error(label, `Node '${id.value}': "label" must be a string.`);
    const attrs: Record<string, JsonValue> = {};
    for (const p of props) if (!NODE_RESERVED.includes(p.key)) setOwn(attrs, p.key, valueOf(p.value));
    if (!sources.has(id.value as string)) {
      sources.set(id.value as string, { range: at(n), fields: new Map(props.map((p) => [p.key, at(p.value)])) });
    }
    return {
      id: id.value as string,
      type: type.value as string,
      attrs,
      ...(label?.type === 'string' ? { label: label.value as string } : {}),
    };
  }
}
