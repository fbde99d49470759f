/**
 * Every problem of a `*.nn.json` document with the text range it is about: file problems from the parser (syntax,
 * format) and the shape engine's diagnostics, mapped to the attribute's value, else the node, else the top of the
 * file. Pure, so the Problems panel mapping is unit-tested without VS Code.
 */
import type { ExpressionDiagnostic, ExpressionFix } from '../../engine/expression/diagnostics';
import type { ParseResult } from '../../engine/graph/parse';
import type { Diagnostic, Severity } from '../../engine/shape/diagnostics';
import type { GraphAnalysis } from '../../engine/shape/types';

export interface Problem {
  readonly offset: number;
  readonly length: number;
  readonly severity: Severity;
  readonly message: string;
  /** The shape engine's code ("stride-does-not-tile"…), or "file" for a parse problem. */
  readonly code: string;
  /** Network fixes, or an expression graph's (which add set-output and append-output-gate). */
  readonly fixes: readonly ExpressionFix[];
}

/** `expression`: the diagnostics of an expression graph (it has no shape analysis). */
export function problemsOf(parsed: ParseResult, analysis: GraphAnalysis | null, expression: readonly ExpressionDiagnostic[] = []): Problem[] {
  const out: Problem[] = parsed.problems.map((p) => ({
    offset: p.range.offset,
    length: p.range.length,
    severity: p.severity,
    message: p.message,
    code: 'file',
    fixes: [],
  }));
  for (const d of [...(analysis?.diagnostics ?? []), ...expression]) out.push({ ...rangeOf(parsed, d), severity: d.severity, message: d.message, code: d.code, fixes: d.fixes });
  return out;
}

function rangeOf(parsed: ParseResult, d: Diagnostic | ExpressionDiagnostic): { offset: number; length: number } {
  const node = d.node === null ? undefined : parsed.source.nodes.get(d.node);
  if (!node) return { offset: 0, length: 1 };
  const field = d.attribute === undefined ? undefined : node.fields.get(d.attribute);
  const range = field ?? node.fields.get('id') ?? node.range;
  return { offset: range.offset, length: range.length };
}
