/**
 * Every problem of a `*.nn.json` document with the text range it is about: file problems from the parser (syntax,
 * format) and the shape engine's diagnostics, mapped to the attribute's value, else the node, else the top of the
 * file. Pure, so the Problems panel mapping is unit-tested without VS Code.
 */
import type { ExpressionDiagnostic, ExpressionFix } from '../../engine/expression/diagnostics';
import type { ParseResult } from '../../engine/graph/parse';
import type { Diagnostic, Severity } from '../../engine/shape/diagnostics';
import type { GraphAnalysis } from '../../engine/shape/types';
import { writtenDefinition } from '../../engine/modules/writtenAt';

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
  const definitionsShown = new Set<string>();
  for (const d of [...(analysis?.diagnostics ?? []), ...expression]) {
    // A definition's own mistake is reported on each use it keeps from expanding (the canvas badges them); the text
    // shows it once, on the definition's name, where the fix edits.
    const definition = analysis?.expansion ? writtenDefinition(analysis.expansion, d) : null;
    const named = definition === null ? undefined : parsed.source.modules?.get(definition)?.name;
    if (named) {
      const key = `${definition}\u0000${d.message}`;
      if (!definitionsShown.has(key)) out.push({ offset: named.offset, length: named.length, severity: d.severity, message: d.message, code: d.code, fixes: d.fixes });
      definitionsShown.add(key);
      continue;
    }
    const inside = d.node !== null && !parsed.source.nodes.has(d.node) && analysis?.expansion !== undefined;
    // A problem inside a module is shown at the module definition's line, and says which use it is about.
    const message = inside ? `${d.node}: ${d.message}` : d.message;
    out.push({ ...rangeOf(parsed, d, analysis), severity: d.severity, message, code: d.code, fixes: d.fixes });
  }
  return out;
}

/** The node's text: the file's node, or for a path inside a module (l2b0/conv1) the node in the module definition. */
function nodeSourceOf(parsed: ParseResult, id: string, analysis: GraphAnalysis | null) {
  const own = parsed.source.nodes.get(id);
  if (own || !analysis?.expansion) return own;
  const origin = analysis.expansion.origins.get(id);
  if (origin) return parsed.source.modules?.get(origin.module)?.nodes.get(origin.node);
  // A copy of a repeat (layer1/0) or a use without an origin: its top-level node.
  return parsed.source.nodes.get(id.split('/')[0]);
}

function rangeOf(parsed: ParseResult, d: Diagnostic | ExpressionDiagnostic, analysis: GraphAnalysis | null): { offset: number; length: number } {
  const node = d.node === null ? undefined : nodeSourceOf(parsed, d.node, analysis);
  if (!node) return { offset: 0, length: 1 };
  const field = d.attribute === undefined ? undefined : node.fields.get(d.attribute);
  const range = field ?? node.fields.get('id') ?? node.range;
  return { offset: range.offset, length: range.length };
}
