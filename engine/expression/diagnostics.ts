/**
 * Problems in an expression graph: diagnostics with fixes, never exceptions (the editor evaluates on every edit).
 * Same face as the network's diagnostics (engine/shape/diagnostics.ts) so the Problems panel and the canvas treat
 * both alike; two fix edits are added for what only expressions have: choosing the output, and appending a gate after
 * a node (sum or l2sq to turn a vector into the scalar f).
 */
import type { FixEdit, Severity } from '../shape/diagnostics';
import type { JsonValue } from '../graph/types';

export type ExpressionCode =
  | 'shape-mismatch'
  | 'non-scalar-output'
  | 'several-sinks'
  | 'no-output'
  | 'unknown-output'
  | 'log-domain'
  | 'sqrt-domain'
  | 'division-by-zero'
  | 'not-finite'
  | 'cycle'
  | 'wrong-input-count'
  | 'unreachable'
  | 'unknown-type'
  | 'invalid-value'
  | 'unknown-attribute'
  | 'duplicate-id'
  | 'unknown-edge-node';

export type ExpressionFixEdit =
  | FixEdit
  /** Set the graph's top-level `output`. */
  | { readonly kind: 'set-output'; readonly node: string }
  /** Add gate `type` (id suggested; the editor makes it unique) fed by `after`, and make it the output. */
  | { readonly kind: 'append-output-gate'; readonly after: string; readonly id: string; readonly type: string };

export interface ExpressionFix {
  readonly title: string;
  readonly edits: readonly ExpressionFixEdit[];
}

export interface ExpressionDiagnostic {
  /** The node the problem is about; null for the graph as a whole. */
  readonly node: string | null;
  readonly severity: Severity;
  readonly code: ExpressionCode;
  readonly message: string;
  readonly attribute?: string;
  readonly fixes: readonly ExpressionFix[];
}

export function problem(
  node: string | null,
  severity: Severity,
  code: ExpressionCode,
  message: string,
  fixes: readonly ExpressionFix[] = [],
  attribute?: string,
): ExpressionDiagnostic {
  return attribute === undefined ? { node, severity, code, message, fixes } : { node, severity, code, message, attribute, fixes };
}

export function setValueFix(title: string, node: string, value: JsonValue): ExpressionFix {
  return { title, edits: [{ kind: 'set-attribute', node, attribute: 'value', value }] };
}
