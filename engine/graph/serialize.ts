/**
 * Writes a graph in the canonical form of the format: stable key order, one node, edge or layout entry per line,
 * so that a change to one attribute is a one-line git diff. Nothing derived (shapes, counts) is written.
 */
import { blockFor } from '../blocks/specs';
import { setOwn } from './setOwn';
import { GRAPH_FORMAT, GRAPH_VERSION, type Graph, type GraphNode, type JsonValue } from './types';

const INDENT = '  ';
/** Objects and arrays up to this many characters stay on one line in free-form sections (training). */
const INLINE_LIMIT = 80;

/** A JSON value on one line with a space after commas and colons: { "x": 1, "y": [2, 3] }. */
export function inlineJson(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(inlineJson).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${inlineJson(v)}`);
    return entries.length ? `{ ${entries.join(', ')} }` : '{}';
  }
  return JSON.stringify(value);
}

/** Pretty JSON that keeps short, flat values on one line. */
function blockJson(value: JsonValue, depth: number): string {
  const inline = inlineJson(value);
  const flat = !inline.slice(1).includes('{') && !inline.slice(1).includes('[');
  if (value === null || typeof value !== 'object' || (inline.length <= INLINE_LIMIT && (flat || Array.isArray(value)))) return inline;
  const pad = INDENT.repeat(depth + 1);
  const close = INDENT.repeat(depth);
  if (Array.isArray(value)) return `[\n${value.map((v) => pad + blockJson(v, depth + 1)).join(',\n')}\n${close}]`;
  const entries = Object.entries(value).map(([k, v]) => `${pad}${JSON.stringify(k)}: ${blockJson(v, depth + 1)}`);
  return entries.length ? `{\n${entries.join(',\n')}\n${close}}` : '{}';
}

/** A node as it is stored: id, type, label, then attributes in the block's declared order, then any others. */
export function nodeToJson(node: GraphNode): { [key: string]: JsonValue } {
  const out: { [key: string]: JsonValue } = { id: node.id, type: node.type };
  if (node.label !== undefined) out.label = node.label;
  const declared = Object.keys(blockFor(node.type)?.attributes ?? {});
  for (const k of declared) if (node.attrs[k] !== undefined) out[k] = node.attrs[k];
  for (const [k, v] of Object.entries(node.attrs)) if (!declared.includes(k)) setOwn(out, k, v);
  return out;
}

/** An array with one item per line at the given depth (1: a top-level section). */
function lines(items: readonly string[], depth = 1): string {
  return items.length ? `[\n${items.map((i) => INDENT.repeat(depth + 1) + i).join(',\n')}\n${INDENT.repeat(depth)}]` : '[]';
}

/**
 * The "modules" section: one module per key, its params on one line, its nodes and edges one per line as at the
 * top level, so an edit inside a module is a one-line diff too.
 */
export function modulesJson(modules: NonNullable<Graph['modules']>): string {
  const pad = INDENT.repeat(2);
  const inner = INDENT.repeat(3);
  const entries = Object.entries(modules).map(([name, m]) => {
    const fields: string[] = [];
    if (m.description !== undefined) fields.push(`"description": ${JSON.stringify(m.description)}`);
    fields.push(`"params": ${inlineJson(m.params)}`);
    fields.push(`"nodes": ${lines(m.nodes.map((n) => inlineJson(nodeToJson(n))), 3)}`);
    fields.push(`"edges": ${lines(m.edges.map((e) => inlineJson({ from: e.from, to: e.to })), 3)}`);
    return `${pad}${JSON.stringify(name)}: {\n${fields.map((f) => inner + f).join(',\n')}\n${pad}}`;
  });
  return entries.length ? `{\n${entries.join(',\n')}\n${INDENT}}` : '{}';
}

export function serializeGraph(graph: Graph): string {
  const parts: string[] = [
    `"format": ${JSON.stringify(GRAPH_FORMAT)}`,
    `"version": ${GRAPH_VERSION}`,
  ];
  if (graph.kind !== undefined) parts.push(`"kind": ${JSON.stringify(graph.kind)}`);
  parts.push(`"name": ${JSON.stringify(graph.name)}`);
  if (graph.description !== undefined) parts.push(`"description": ${JSON.stringify(graph.description)}`);
  if (graph.output !== undefined) parts.push(`"output": ${JSON.stringify(graph.output)}`);
  if (graph.modules !== undefined) parts.push(`"modules": ${modulesJson(graph.modules)}`);
  parts.push(`"nodes": ${lines(graph.nodes.map((n) => inlineJson(nodeToJson(n))))}`);
  parts.push(`"edges": ${lines(graph.edges.map((e) => inlineJson({ from: e.from, to: e.to })))}`);
  const layout = Object.entries(graph.layout);
  if (layout.length) {
    const entries = layout.map(([id, p]) => `${INDENT.repeat(2)}${JSON.stringify(id)}: ${inlineJson({ x: p.x, y: p.y })}`);
    parts.push(`"layout": {\n${entries.join(',\n')}\n${INDENT}}`);
  }
  if (graph.training !== undefined) parts.push(`"training": ${blockJson(graph.training, 1)}`);
  return `{\n${parts.map((p) => INDENT + p).join(',\n')}\n}\n`;
}
