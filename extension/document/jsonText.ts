/**
 * Small structural edits of JSON text that keep everything else byte for byte: the user's own formatting,
 * key order and spacing. Used for files that are not in canonical form (hand-formatted); a canonical file is
 * simply re-serialized and diffed (see textEdits.ts). Each function takes the text and returns the new text.
 */
import { parseTree, type Node as JsonNode } from 'jsonc-parser';

export interface TextStyle {
  readonly eol: string;
  /** One level of indentation as the file writes it ("  ", "    " or a tab). */
  readonly unit: string;
}

export function detectStyle(text: string): TextStyle {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const m = /\n([ \t]+)\S/.exec(text);
  return { eol, unit: m ? (m[1].startsWith('\t') ? '\t' : m[1]) : '  ' };
}

export function parse(text: string): JsonNode {
  const root = parseTree(text, [], { disallowComments: true });
  if (!root) throw new Error('the document is not JSON');
  return root;
}

function end(n: JsonNode): number {
  return n.offset + n.length;
}

function splice(text: string, from: number, to: number, insert: string): string {
  return text.slice(0, from) + insert + text.slice(to);
}

/** The whitespace at the start of the line holding `offset`. */
function indentAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

/** What the container puts between a comma and its next item (newline + indent, or a space). */
function separator(text: string, items: readonly JsonNode[], style: TextStyle): string {
  if (items.length >= 2) {
    const between = text.slice(end(items[0]), items[1].offset);
    return between.slice(between.indexOf(',') + 1);
  }
  const first = items[0];
  const lineStart = text.lastIndexOf('\n', first.offset - 1) + 1;
  const before = text.slice(lineStart, first.offset);
  return before.trim() === '' ? style.eol + before : ' ';
}

export function replaceNode(text: string, node: JsonNode, replacement: string): string {
  return splice(text, node.offset, end(node), replacement);
}

/** Removes item `index` of an array (or property `index` of an object) with its comma. */
export function removeItem(text: string, container: JsonNode, index: number): string {
  const items = container.children ?? [];
  const item = items[index];
  if (items.length === 1) return splice(text, container.offset + 1, end(container) - 1, '');
  if (index < items.length - 1) return splice(text, item.offset, items[index + 1].offset, '');
  return splice(text, end(items[index - 1]), end(item), '');
}

/** Inserts `itemText` (a value, or `"key": value` for objects) as item `index` of the container. */
export function insertItem(text: string, container: JsonNode, index: number, itemText: string, style: TextStyle): string {
  const items = container.children ?? [];
  if (items.length === 0) {
    const indent = indentAt(text, container.offset);
    return splice(text, container.offset + 1, end(container) - 1, `${style.eol}${indent}${style.unit}${itemText}${style.eol}${indent}`);
  }
  const sep = separator(text, items, style);
  if (index >= items.length) return splice(text, end(items[items.length - 1]), end(items[items.length - 1]), `,${sep}${itemText}`);
  return splice(text, items[index].offset, items[index].offset, `${itemText},${sep}`);
}

/** The property node (key + value) named `key` of an object node, with its index. */
export function findProperty(object: JsonNode, key: string): { readonly index: number; readonly property: JsonNode; readonly value: JsonNode } | null {
  const props = object.children ?? [];
  for (let i = 0; i < props.length; i++) {
    const [k, v] = props[i].children ?? [];
    if (k?.value === key && v) return { index: i, property: props[i], value: v };
  }
  return null;
}

/** Sets `key` of the object to `valueText`: replaces the value in place, or inserts the property at `insertAt`. */
export function setProperty(text: string, object: JsonNode, key: string, valueText: string, style: TextStyle, insertAt?: number): string {
  const found = findProperty(object, key);
  if (found) return replaceNode(text, found.value, valueText);
  return insertItem(text, object, insertAt ?? (object.children ?? []).length, `${JSON.stringify(key)}: ${valueText}`, style);
}

export function removeProperty(text: string, object: JsonNode, key: string): string {
  const found = findProperty(object, key);
  return found ? removeItem(text, object, found.index) : text;
}

/** A multi-line object or array whose entries are given as text, indented one level below `indent`. */
export function block(open: '{' | '[', entries: readonly string[], indent: string, style: TextStyle): string {
  const close = open === '{' ? '}' : ']';
  if (entries.length === 0) return open + close;
  return `${open}${style.eol}${entries.map((e) => indent + style.unit + e).join(`,${style.eol}`)}${style.eol}${indent}${close}`;
}

export { indentAt };
