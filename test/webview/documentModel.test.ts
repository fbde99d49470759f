/**
 * The webview's reading of a document kept by text edits (DocumentModel with the edit each document-change carries)
 * shows exactly what reading each text afresh shows: the graph, every node's analysis and every card's texts, over
 * random sequences of typed edits on the examples (a graph with modules among them), canvas edits in between.
 */
import fc from 'fast-check';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyIntent } from '../../engine/document/intents';
import { applyTextChanges, type TextChange } from '../../engine/document/textChanges';
import { nodeSpans } from '../../engine/graph/nodeSpans';
import { positionsFor } from '../../webview/model/fallbackLayout';
import { FlowModel } from '../../webview/model/flowModel';
import { DocumentModel, type DocumentView } from '../../webview/model/documentModel';

/** Everything the canvas shows of a view: the graph, the analysis and the card and edge texts. */
function shown(view: DocumentView, flow = new FlowModel()) {
  if (!view.graph || !view.analysis) return { graph: view.graph, problems: view.parsed.problems };
  const built = flow.build(view.graph, view.analysis, positionsFor(view.graph), new Set(), false);
  return {
    graph: view.graph,
    nodes: view.analysis.nodes,
    diagnostics: view.analysis.diagnostics,
    totals: view.analysis.totals,
    cards: [...built.labels.cards],
    edges: [...built.labels.edges],
  };
}

const FILES = ['examples/lenet5.nn.json', 'examples/resnet18-modules.nn.json', 'examples/inception-block.nn.json'];

describe('DocumentModel over text edits', () => {
  it('after each typed edit shows what a fresh reading of the text shows', () => {
    for (const file of FILES) {
      const start = fs.readFileSync(file, 'utf8');
      fc.assert(
        fc.property(
          fc.array(fc.tuple(fc.nat(), fc.constantFrom('1', '2', '3', '7', '"', ' ', ''), fc.nat({ max: 2 }), fc.boolean()), { minLength: 1, maxLength: 8 }),
          (steps) => {
            const model = new DocumentModel();
            const flow = new FlowModel();
            let text = start;
            let view = model.read(text);
            for (const [pick, typed, removed, canvas] of steps) {
              if (canvas && view.graph && view.graph.nodes.length > 1) {
                // A canvas edit drawn ahead: the model reads the host's graph with the text it had.
                const node = view.graph.nodes[1 + (pick % (view.graph.nodes.length - 1))];
                const r = applyIntent(view.graph, { kind: 'set-label', node: node.id, label: `L${pick % 10}` });
                if (r.ok) shown(model.read(text, r.graph), flow);
              }
              // A digit typed inside a node most of the time (that is the quick path), anywhere otherwise.
              const spans = nodeSpans(text);
              let offset = pick % (text.length + 1);
              if (spans && spans.starts.length > 0 && pick % 4 !== 0) {
                const i = pick % spans.starts.length;
                offset = spans.starts[i] + 1 + (pick % Math.max(1, spans.ends[i] - spans.starts[i] - 1));
              }
              const change: TextChange = { offset, length: Math.min(removed, text.length - offset), text: typed };
              const next = applyTextChanges(text, [change])!;
              view = model.read(next, undefined, { before: text, changes: [change] });
              expect(shown(view, flow)).toEqual(shown(new DocumentModel().read(next)));
              text = next;
            }
          },
        ),
        { numRuns: 40 },
      );
    }
  });
});
