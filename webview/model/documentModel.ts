/**
 * The document as the canvas sees it: text → parse → incremental analysis. Kept outside React so that the same
 * steps run in the benchmark (bench/editor.ts) as in the webview.
 */
import { parseGraphText, type ParseResult } from '../../engine/graph/parse';
import { isExpressionGraph, type Graph } from '../../engine/graph/types';
import { analyzeGraph } from '../../engine/shape/analyze';
import type { GraphAnalysis } from '../../engine/shape/types';

export interface DocumentView {
  readonly text: string;
  readonly parsed: ParseResult;
  readonly graph: Graph | null;
  readonly analysis: GraphAnalysis | null;
}

export class DocumentModel {
  private previous: GraphAnalysis | undefined;

  /** `known` is the graph of `text` when the host sent it (after a canvas edit): no need to parse again. */
  read(text: string, known?: Graph): DocumentView {
    const parsed: ParseResult = known ? { graph: known, problems: [], source: { nodes: new Map(), edges: [] } } : parseGraphText(text);
    const graph = parsed.graph ?? null;
    // An expression graph has no shapes of blocks to infer: the expression editor evaluates it itself.
    const analysis = graph && !isExpressionGraph(graph) ? analyzeGraph(graph, this.previous) : null;
    if (analysis) this.previous = analysis;
    return { text, parsed, graph, analysis };
  }
}
