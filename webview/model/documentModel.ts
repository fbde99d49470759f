/**
 * The document as the canvas sees it: text → parse → incremental analysis. Kept outside React so that the same
 * steps run in the benchmark (bench/editor.ts) as in the webview.
 */
import { keepUnchanged } from '../../engine/graph/keepUnchanged';
import type { ParseResult } from '../../engine/graph/parse';
import { TextReader, type TextEdit } from '../../engine/graph/readEdited';
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
  private previousGraph: Graph | null = null;
  private readonly reader = new TextReader();

  /**
   * `known` is the graph of `text` when the host sent it (after a canvas edit): no need to parse again. `edit` says
   * how `text` came from the text before (a `document-change`): an edit inside one node re-reads that node alone.
   */
  read(text: string, known?: Graph, edit?: TextEdit): DocumentView {
    const parsed: ParseResult = known ? { graph: known, problems: [], source: { nodes: new Map(), edges: [] } } : this.reader.read(text, edit);
    // A text read afresh is made of new objects even where it says what the last one said: the last one's objects
    // are kept there, so the analysis and the canvas find their caches (engine/graph/keepUnchanged.ts).
    const graph = parsed.graph ? (known ? parsed.graph : keepUnchanged(this.previousGraph, parsed.graph)) : null;
    // An expression graph has no shapes of blocks to infer: the expression editor evaluates it itself.
    const analysis = graph && !isExpressionGraph(graph) ? analyzeGraph(graph, this.previous) : null;
    if (analysis) this.previous = analysis;
    if (graph) this.previousGraph = graph;
    return { text, parsed: graph === parsed.graph ? parsed : withGraph(parsed, graph!), graph, analysis };
  }
}

/** The same reading with the kept graph; its source ranges stay lazy (a spread would build them now). */
function withGraph(parsed: ParseResult, graph: Graph): ParseResult {
  return {
    graph,
    problems: parsed.problems,
    get source() {
      return parsed.source;
    },
  };
}
