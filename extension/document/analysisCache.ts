/**
 * Parse + shape analysis of each open document, computed once per document version and incrementally (the
 * previous analysis is passed back to the engine, so one edit re-infers only the nodes downstream of it).
 */
import { evaluateExpression, type ExpressionResult } from '../../engine/expression/evaluate';
import { parseGraphText, type ParseResult } from '../../engine/graph/parse';
import { isExpressionGraph } from '../../engine/graph/types';
import { analyzeGraph } from '../../engine/shape/analyze';
import type { GraphAnalysis } from '../../engine/shape/types';

export interface DocumentState {
  readonly version: number;
  readonly parsed: ParseResult;
  /** `null` when the file is not a readable version-1 network (an expression graph has `expression` instead). */
  readonly analysis: GraphAnalysis | null;
  /** An expression graph's values, gradients and diagnostics (the backprop lab); `null` for networks. */
  readonly expression: ExpressionResult | null;
}

export class AnalysisCache {
  private readonly states = new Map<string, DocumentState>();

  get(key: string, version: number, text: () => string): DocumentState {
    const old = this.states.get(key);
    if (old && old.version === version) return old;
    const parsed = parseGraphText(text());
    const expression = parsed.graph && isExpressionGraph(parsed.graph) ? evaluateExpression(parsed.graph) : null;
    const analysis = parsed.graph && !expression ? analyzeGraph(parsed.graph, old?.analysis ?? undefined) : null;
    const state = { version, parsed, analysis, expression };
    this.states.set(key, state);
    return state;
  }

  forget(key: string): void {
    this.states.delete(key);
  }
}
