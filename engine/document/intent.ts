/**
 * What the user asks a graph to become from the canvas: the edits `applyIntent` (./intents.ts) applies. The webview
 * sends them to the extension host (extension/protocol/ validates them on arrival) and applies the same intent
 * itself to draw the edit before the host confirms it; so the type and its logic live here, free of vscode and DOM.
 */
import type { JsonValue } from '../graph/types';
import type { ExpressionFixEdit } from '../expression/diagnostics';

export interface Position {
  readonly x: number;
  readonly y: number;
}

export interface EdgeRef {
  readonly from: string;
  readonly to: string;
}

/** A node as copied to the clipboard / pasted (same fields as on disk, attributes gathered). */
export interface NodeCopy {
  readonly id: string;
  readonly type: string;
  readonly attrs: Readonly<Record<string, JsonValue>>;
  readonly label?: string;
}

/** What the user asked the graph to become. Each is applied by `applyIntent` to the parsed graph. */
export type Intent =
  | { readonly kind: 'add-node'; readonly type: string; readonly position?: Position; readonly after?: string }
  | { readonly kind: 'connect'; readonly from: string; readonly to: string }
  | { readonly kind: 'disconnect'; readonly from: string; readonly to: string }
  | { readonly kind: 'set-attribute'; readonly node: string; readonly attribute: string; readonly value: JsonValue }
  | { readonly kind: 'remove-attribute'; readonly node: string; readonly attribute: string }
  | { readonly kind: 'set-label'; readonly node: string; readonly label: string | null }
  | { readonly kind: 'move'; readonly positions: Readonly<Record<string, Position>> }
  | { readonly kind: 'delete'; readonly nodes: readonly string[]; readonly edges: readonly EdgeRef[] }
  /** Network fixes, and the expression graphs' two more (set-output, append-output-gate). */
  | { readonly kind: 'apply-fix'; readonly edits: readonly ExpressionFixEdit[] }
  | {
      readonly kind: 'paste';
      readonly nodes: readonly NodeCopy[];
      readonly edges: readonly EdgeRef[];
      readonly positions: Readonly<Record<string, Position>>;
    }
  | { readonly kind: 'set-training'; readonly key: string; readonly value: JsonValue | null }
  /** A selection with one input and one output becomes the module `name` and one node using it. */
  | { readonly kind: 'group-into-module'; readonly nodes: readonly string[]; readonly name: string }
  /** An attribute of a node inside a module definition (`value` null: removed); every use of the module follows. */
  | { readonly kind: 'set-module-attribute'; readonly module: string; readonly node: string; readonly attribute: string; readonly value: JsonValue | null };
