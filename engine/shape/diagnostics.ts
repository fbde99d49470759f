/**
 * Every problem the shape engine finds is a Diagnostic, never an exception: the editor calls the engine on every
 * keystroke and must always get an answer. `fixes` are machine-applicable edits so that the editor can offer them
 * as quick fixes and the CLI can print them.
 */
import type { JsonValue } from '../graph/types';

export type Severity = 'error' | 'warning' | 'info';

export type DiagnosticCode =
  | 'stride-does-not-tile'
  | 'groups-do-not-divide'
  | 'output-size-not-positive'
  | 'shape-mismatch'
  | 'concat-mismatch'
  | 'cycle'
  | 'no-input'
  | 'multiple-inputs'
  | 'wrong-input-count'
  | 'unreachable'
  | 'unknown-type'
  | 'unknown-attribute'
  | 'missing-attribute'
  | 'invalid-attribute'
  | 'wrong-input-rank'
  | 'duplicate-id'
  | 'invalid-id'
  | 'unknown-edge-node'
  | 'duplicate-edge'
  | 'multiple-outputs'
  | 'unknown-module'
  | 'module-cycle'
  | 'module-boundary'
  | 'module-input'
  | 'unknown-param'
  | 'invalid-param';

/** A machine-applicable change to the graph. */
export type FixEdit =
  | { readonly kind: 'set-attribute'; readonly node: string; readonly attribute: string; readonly value: JsonValue }
  | { readonly kind: 'remove-attribute'; readonly node: string; readonly attribute: string }
  | { readonly kind: 'set-type'; readonly node: string; readonly type: string }
  | {
      readonly kind: 'insert-node';
      /** The new node goes on the edge from → to (which it replaces by from → new → to). */
      readonly from: string;
      readonly to: string;
      /** Suggested id; the editor makes it unique. */
      readonly id: string;
      readonly type: string;
      readonly attrs: Readonly<Record<string, JsonValue>>;
    }
  /** Removes one copy of the edge (the last, when the file repeats it: the duplicate goes, the edge stays). */
  | { readonly kind: 'remove-edge'; readonly from: string; readonly to: string }
  /** A missing edge: appended to the edge list (checked as a connection drawn on the canvas is). */
  | { readonly kind: 'add-edge'; readonly from: string; readonly to: string }
  | { readonly kind: 'remove-node'; readonly node: string }
  /**
   * A missing input: a node of type `input` (`id` made unique, no attributes) first in the node list, with an edge
   * from it to each of `to`. Inside a module that is the whole input (it stands for whatever feeds the use).
   */
  | { readonly kind: 'add-input'; readonly id: string; readonly to: readonly string[] }
  /** An attribute of a node inside a module's definition (`value` null: removed): every use of the module changes. */
  | { readonly kind: 'set-module-attribute'; readonly module: string; readonly node: string; readonly attribute: string; readonly value: JsonValue | null }
  /** A structural edit of a module's definition, in the definition's own ids (`conv1`, not `l2b0/conv1`): every use changes. */
  | { readonly kind: 'edit-module'; readonly module: string; readonly edit: ModuleBodyEdit };

/** The edits a module's body takes: those of the graph's structure, applied to the definition's nodes and edges. */
export type ModuleBodyEdit = Extract<FixEdit, { readonly kind: 'remove-edge' | 'add-edge' | 'remove-node' | 'set-type' | 'insert-node' | 'add-input' }>;

export const MODULE_BODY_EDIT_KINDS: readonly ModuleBodyEdit['kind'][] = ['remove-edge', 'add-edge', 'remove-node', 'set-type', 'insert-node', 'add-input'];

export interface Fix {
  /** What the user sees, e.g. "padding 1 → 3×3 output". */
  readonly title: string;
  readonly edits: readonly FixEdit[];
}

export interface Diagnostic {
  /** The node the problem is about; `null` for the graph as a whole (a cycle, no input). */
  readonly node: string | null;
  readonly severity: Severity;
  readonly code: DiagnosticCode;
  readonly message: string;
  /** The attribute the problem is about, when there is one (so the editor can point at it). */
  readonly attribute?: string;
  readonly fixes: readonly Fix[];
}

export function diagnostic(
  node: string | null,
  severity: Severity,
  code: DiagnosticCode,
  message: string,
  fixes: readonly Fix[] = [],
  attribute?: string,
): Diagnostic {
  return attribute === undefined ? { node, severity, code, message, fixes } : { node, severity, code, message, attribute, fixes };
}

export function setAttributeFix(title: string, node: string, attribute: string, value: JsonValue): Fix {
  return { title, edits: [{ kind: 'set-attribute', node, attribute, value }] };
}
