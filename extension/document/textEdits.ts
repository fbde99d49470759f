/**
 * Turns "the graph before" → "the graph after" into the few text edits that make the document say so. A file in
 * canonical form (as wiregrad writes it) is re-serialized; any other file is edited structurally so that its own
 * formatting survives. Either way the result is then diffed line by line against the document, so a changed
 * attribute is a one-line edit and VS Code's undo, dirty marker and git diff see exactly that.
 */
import type { Node as JsonNode } from 'jsonc-parser';
import { inlineJson, modulesJson, nodeToJson } from '../../engine/graph/serialize';
import { canonicalText } from './canonicalText';
import type { Graph, JsonValue } from '../../engine/graph/types';
import { block, detectStyle, findProperty, indentAt, insertItem, parse, removeItem, removeProperty, replaceNode, setProperty, type TextStyle } from './jsonText';
import { diffSequences } from './sequenceDiff';

/** Replace `length` characters at `offset` (in the old text) by `text`. Edits never overlap; sorted by offset. */
export interface TextEdit {
  readonly offset: number;
  readonly length: number;
  readonly text: string;
}

/** Above this many moved nodes, a hand-formatted layout section is rewritten whole (one edit instead of hundreds). */
const LAYOUT_REWRITE_THRESHOLD = 40;

/** `canonical`: whether `text` is known to be serializeGraph(before) (saves serializing it again to find out). */
export function graphTextEdits(text: string, before: Graph, after: Graph, canonical = canonicalText(before) === text): TextEdit[] {
  return lineEdits(text, newText(text, before, after, canonical));
}

/** The document's text after the change (canonical files stay canonical). */
export function newText(text: string, before: Graph, after: Graph, canonical = canonicalText(before) === text): string {
  return canonical ? canonicalText(after) : restructure(text, before, after);
}

/** Lines with their terminators, so that joining them gives the text back. */
export function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

export function lineEdits(oldText: string, newText: string): TextEdit[] {
  const a = splitLines(oldText);
  const b = splitLines(newText);
  const starts = [0];
  for (const line of a) starts.push(starts[starts.length - 1] + line.length);
  return diffSequences(a, b).map((h) => ({
    offset: starts[h.aStart],
    length: starts[h.aEnd] - starts[h.aStart],
    text: b.slice(h.bStart, h.bEnd).join(''),
  }));
}

export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((x, y) => y.offset - x.offset)) out = out.slice(0, e.offset) + e.text + out.slice(e.offset + e.length);
  return out;
}

/** Edits a hand-formatted document section by section, keeping everything that did not change untouched. */
function restructure(text: string, before: Graph, after: Graph): string {
  const style = detectStyle(text);
  let t = text;
  const root = () => parse(t);
  const topIndent = () => {
    const first = root().children?.[0];
    return first ? indentAt(t, first.offset) : style.unit;
  };

  const scalar = (key: 'name' | 'description' | 'output') => {
    if (before[key] === after[key]) return;
    t = after[key] === undefined ? removeProperty(t, root(), key) : setProperty(t, root(), key, JSON.stringify(after[key]), style);
  };
  scalar('name');
  scalar('description');
  scalar('output');

  // A changed module definition is written whole, in canonical form (a definition is a few dozen lines).
  if (modulesText(before) !== modulesText(after)) {
    const existing = findProperty(root(), 'modules');
    if (after.modules === undefined) t = removeProperty(t, root(), 'modules');
    else if (existing) t = replaceNode(t, existing.value, modulesJson(after.modules));
    else {
      const nodes = findProperty(root(), 'nodes');
      t = setProperty(t, root(), 'modules', modulesJson(after.modules), style, nodes ? nodes.index : undefined);
    }
  }

  t = editArray(t, 'nodes', before.nodes.map((n) => inlineJson(nodeToJson(n))), after.nodes.map((n) => inlineJson(nodeToJson(n))), style, topIndent());
  t = editArray(t, 'edges', before.edges.map((e) => inlineJson({ from: e.from, to: e.to })), after.edges.map((e) => inlineJson({ from: e.from, to: e.to })), style, topIndent());

  const layoutText = (p: { x: number; y: number }) => inlineJson({ x: p.x, y: p.y });
  const layoutChanges = new Set([...Object.keys(before.layout), ...Object.keys(after.layout)]);
  for (const id of [...layoutChanges]) {
    const a = before.layout[id];
    const b = after.layout[id];
    if (a && b && a.x === b.x && a.y === b.y) layoutChanges.delete(id);
  }
  const layoutNode = findProperty(root(), 'layout');
  if (layoutChanges.size > 0) {
    if (!layoutNode || layoutNode.value.type !== 'object' || layoutChanges.size > LAYOUT_REWRITE_THRESHOLD) {
      const entries = Object.entries(after.layout).map(([id, p]) => `${JSON.stringify(id)}: ${layoutText(p)}`);
      const value = block('{', entries, topIndent(), style);
      if (layoutNode) t = replaceNode(t, layoutNode.value, value);
      else {
        const edges = findProperty(root(), 'edges') ?? findProperty(root(), 'nodes');
        t = setProperty(t, root(), 'layout', value, style, edges ? edges.index + 1 : undefined);
      }
    } else {
      for (const id of layoutChanges) {
        const object = findProperty(root(), 'layout')!.value;
        const p = after.layout[id];
        t = p ? setProperty(t, object, id, layoutText(p), style) : removeProperty(t, object, id);
      }
    }
  }

  t = editTraining(t, before.training, after.training, style, topIndent());
  return t;
}

function modulesText(graph: Graph): string {
  return graph.modules === undefined ? '' : modulesJson(graph.modules);
}

/** Applies the diff of two lists of one-line items to the array property `key`. */
function editArray(text: string, key: 'nodes' | 'edges', a: readonly string[], b: readonly string[], style: TextStyle, indent: string): string {
  const hunks = diffSequences(a, b);
  if (hunks.length === 0) return text;
  let t = text;
  const array = (): JsonNode | null => {
    const p = findProperty(parse(t), key);
    return p && p.value.type === 'array' ? p.value : null;
  };
  if (!array()) return setProperty(t, parse(t), key, block('[', b, indent, style), style);
  // Back to front, so the indices of earlier hunks stay valid.
  for (const h of [...hunks].reverse()) {
    const same = h.aEnd - h.aStart === h.bEnd - h.bStart;
    if (same) {
      for (let i = 0; i < h.aEnd - h.aStart; i++) t = replaceNode(t, array()!.children![h.aStart + i], b[h.bStart + i]);
      continue;
    }
    for (let i = h.aEnd - 1; i >= h.aStart; i--) t = removeItem(t, array()!, i);
    for (let j = h.bStart; j < h.bEnd; j++) t = insertItem(t, array()!, h.aStart + (j - h.bStart), b[j], style);
  }
  return t;
}

function editTraining(text: string, a: Readonly<Record<string, JsonValue>> | undefined, b: Readonly<Record<string, JsonValue>> | undefined, style: TextStyle, indent: string): string {
  if (inlineJson(a ?? null) === inlineJson(b ?? null)) return text;
  let t = text;
  const existing = findProperty(parse(t), 'training');
  if (b === undefined) return removeProperty(t, parse(t), 'training');
  if (!existing || existing.value.type !== 'object' || a === undefined) {
    const value = block('{', Object.entries(b).map(([k, v]) => `${JSON.stringify(k)}: ${inlineJson(v)}`), indent, style);
    return setProperty(t, parse(t), 'training', value, style);
  }
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (inlineJson(a[key] ?? null) === inlineJson(b[key] ?? null) && (key in a) === (key in b)) continue;
    const object = findProperty(parse(t), 'training')!.value;
    t = key in b ? setProperty(t, object, key, inlineJson(b[key]), style) : removeProperty(t, object, key);
  }
  return t;
}
