/**
 * The validator of an editing intent the webview sends (engine/document/intent.ts): every field checked, free-form
 * records bounded, before the extension turns it into a text edit of the document.
 */
import type { JsonValue } from '../../engine/graph/types';
import type { EdgeRef, Intent, NodeCopy, Position } from '../../engine/document/intent';
import type { ExpressionFixEdit } from '../../engine/expression/diagnostics';
import { MODULE_BODY_EDIT_KINDS, type ModuleBodyEdit } from '../../engine/shape/diagnostics';
import { describe, fail, finite, json, jsonRecord, list, moreKeysThan, MAX_ITEMS, record, str } from './checks';

function position(v: unknown, what: string): Position {
  const r = record(v, what);
  return { x: finite(r.x, `${what}.x`), y: finite(r.y, `${what}.y`) };
}

function edge(v: unknown, what: string): EdgeRef {
  const r = record(v, what);
  return { from: str(r.from, `${what}.from`), to: str(r.to, `${what}.to`) };
}

function positions(v: unknown, what: string): Record<string, Position> {
  const r = record(v, what);
  if (moreKeysThan(r, MAX_ITEMS)) fail(`${what} has more than ${MAX_ITEMS} entries`);
  // Object.fromEntries defines own properties: a node id "__proto__" stays a key, never becomes the prototype.
  return Object.fromEntries(Object.entries(r).map(([id, p]) => [str(id, `${what} key`), position(p, `${what}.${id}`)]));
}

function fixEdit(v: unknown, what: string): ExpressionFixEdit {
  const r = record(v, what);
  switch (r.kind) {
    case 'set-attribute':
      return { kind: r.kind, node: str(r.node, `${what}.node`), attribute: str(r.attribute, `${what}.attribute`), value: json(r.value, `${what}.value`) };
    case 'remove-attribute':
      return { kind: r.kind, node: str(r.node, `${what}.node`), attribute: str(r.attribute, `${what}.attribute`) };
    case 'set-type':
      return { kind: r.kind, node: str(r.node, `${what}.node`), type: str(r.type, `${what}.type`) };
    case 'insert-node':
      return {
        kind: r.kind,
        from: str(r.from, `${what}.from`),
        to: str(r.to, `${what}.to`),
        id: str(r.id, `${what}.id`),
        type: str(r.type, `${what}.type`),
        attrs: jsonRecord(r.attrs, `${what}.attrs`),
      };
    case 'remove-edge':
    case 'add-edge':
      return { kind: r.kind, from: str(r.from, `${what}.from`), to: str(r.to, `${what}.to`) };
    case 'add-input':
      return { kind: r.kind, id: str(r.id, `${what}.id`), to: list(r.to, `${what}.to`).map((t, i) => str(t, `${what}.to[${i}]`)) };
    case 'edit-module':
      return { kind: r.kind, module: str(r.module, `${what}.module`), edit: moduleBodyEdit(r.edit, `${what}.edit`) };
    case 'set-module-attribute':
      return {
        kind: r.kind,
        module: str(r.module, `${what}.module`),
        node: str(r.node, `${what}.node`),
        attribute: str(r.attribute, `${what}.attribute`),
        value: r.value === null ? null : json(r.value, `${what}.value`),
      };
    case 'remove-node':
    case 'set-output':
      return { kind: r.kind, node: str(r.node, `${what}.node`) };
    case 'append-output-gate':
      return { kind: r.kind, after: str(r.after, `${what}.after`), id: str(r.id, `${what}.id`), type: str(r.type, `${what}.type`) };
    default:
      return fail(`${what}.kind ${describe(r.kind)} is not a fix edit`);
  }
}

/** The edit inside an edit-module fix: one of the structural kinds, itself checked as any fix edit (no nesting). */
function moduleBodyEdit(v: unknown, what: string): ModuleBodyEdit {
  const kind = record(v, what).kind;
  if (!MODULE_BODY_EDIT_KINDS.some((k) => k === kind)) return fail(`${what}.kind ${describe(kind)} is not an edit of a module's body`);
  return fixEdit(v, what) as ModuleBodyEdit;
}

function nodeCopy(v: unknown, what: string): NodeCopy {
  const r = record(v, what);
  const base = { id: str(r.id, `${what}.id`), type: str(r.type, `${what}.type`), attrs: jsonRecord(r.attrs, `${what}.attrs`) };
  return r.label === undefined ? base : { ...base, label: str(r.label, `${what}.label`, 1000) };
}

export function parseIntent(v: unknown): Intent {
  const r = record(v, 'intent');
  switch (r.kind) {
    case 'add-node': {
      const out: { kind: 'add-node'; type: string; position?: Position; after?: string } = { kind: 'add-node', type: str(r.type, 'intent.type') };
      if (r.position !== undefined) out.position = position(r.position, 'intent.position');
      if (r.after !== undefined) out.after = str(r.after, 'intent.after');
      return out;
    }
    case 'connect':
    case 'disconnect':
      return { kind: r.kind, ...edge(r, 'intent') };
    case 'set-attribute':
      return { kind: r.kind, node: str(r.node, 'intent.node'), attribute: str(r.attribute, 'intent.attribute'), value: json(r.value, 'intent.value') };
    case 'remove-attribute':
      return { kind: r.kind, node: str(r.node, 'intent.node'), attribute: str(r.attribute, 'intent.attribute') };
    case 'set-label':
      return { kind: r.kind, node: str(r.node, 'intent.node'), label: r.label === null ? null : str(r.label, 'intent.label', 1000) };
    case 'move':
      return { kind: r.kind, positions: positions(r.positions, 'intent.positions') };
    case 'delete':
      return {
        kind: r.kind,
        nodes: list(r.nodes, 'intent.nodes').map((n, i) => str(n, `intent.nodes[${i}]`)),
        edges: list(r.edges, 'intent.edges').map((e, i) => edge(e, `intent.edges[${i}]`)),
      };
    case 'apply-fix':
      return { kind: r.kind, edits: list(r.edits, 'intent.edits').map((e, i) => fixEdit(e, `intent.edits[${i}]`)) };
    case 'paste':
      return {
        kind: r.kind,
        nodes: list(r.nodes, 'intent.nodes').map((n, i) => nodeCopy(n, `intent.nodes[${i}]`)),
        edges: list(r.edges, 'intent.edges').map((e, i) => edge(e, `intent.edges[${i}]`)),
        positions: positions(r.positions, 'intent.positions'),
      };
    case 'set-training':
      return { kind: r.kind, key: str(r.key, 'intent.key'), value: r.value === null ? null : json(r.value, 'intent.value') };
    case 'group-into-module':
      return { kind: r.kind, nodes: list(r.nodes, 'intent.nodes').map((n, i) => str(n, `intent.nodes[${i}]`)), name: str(r.name, 'intent.name') };
    case 'set-module-attribute':
      return {
        kind: r.kind,
        module: str(r.module, 'intent.module'),
        node: str(r.node, 'intent.node'),
        attribute: str(r.attribute, 'intent.attribute'),
        value: r.value === null ? null : json(r.value, 'intent.value'),
      };
    default:
      return fail(`unknown intent kind ${describe(r.kind)}`);
  }
}
