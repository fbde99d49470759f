/** "Group into module" and module-definition edits: pure intents whose text edits go through the document model. */
import { describe, expect, it } from 'vitest';
import { applyIntent } from '../../engine/document/intents';
import { parseGraphText } from '../../engine/graph/parse';
import { serializeGraph } from '../../engine/graph/serialize';
import type { Graph } from '../../engine/graph/types';
import { analyzeGraph } from '../../engine/shape/analyze';
import { applyTextEdits, graphTextEdits } from '../../extension/document/textEdits';
import { graphFromNodes } from '../helpers/graphs';
import { tinyResidualGraph } from './fixtures';

/** input → c1 → r1 → {c2a, c2b} → cat → fc, with a skip from r1 into cat: a block with one input and one output. */
function flat(): Graph {
  return graphFromNodes(
    [
      { id: 'input', type: 'input', shape: [8, 8, 3] },
      { id: 'c1', type: 'conv2d', filters: 4, kernel: 3, padding: 1 },
      { id: 'r1', type: 'relu' },
      { id: 'c2a', type: 'conv2d', filters: 2, kernel: 1 },
      { id: 'c2b', type: 'conv2d', filters: 3, kernel: 3, padding: 1 },
      { id: 'cat', type: 'concat' },
      { id: 'gap', type: 'globalavgpool' },
      { id: 'fc', type: 'dense', units: 5 },
    ],
    ['input>c1', 'c1>r1', 'r1>c2a', 'r1>c2b', 'c2b>cat', 'r1>cat', 'c2a>cat', 'cat>gap', 'gap>fc'],
  );
}

function group(graph: Graph, nodes: string[], name = 'block') {
  return applyIntent(graph, { kind: 'group-into-module', nodes, name });
}

describe('group into module', () => {
  it('turns a selection with one input and one output into a module and one use, computing the same network', () => {
    const before = flat();
    const r = group(before, ['c2a', 'c2b', 'cat', 'r1']);
    expect(r.ok).toBe(true);
    const after = (r as { graph: Graph }).graph;
    expect(after.nodes.map((n) => `${n.id}:${n.type}`)).toEqual(['input:input', 'c1:conv2d', 'block:module:block', 'gap:globalavgpool', 'fc:dense']);
    expect(after.edges.map((e) => `${e.from}>${e.to}`)).toEqual(['input>c1', 'c1>block', 'block>gap', 'gap>fc']);
    const m = after.modules!.block;
    expect(m.nodes.map((n) => n.id)).toEqual(['in', 'r1', 'c2a', 'c2b', 'cat']);
    // The concat keeps its input order: c2b, r1, c2a.
    expect(m.edges.map((e) => `${e.from}>${e.to}`)).toEqual(['in>r1', 'r1>c2a', 'r1>c2b', 'c2b>cat', 'r1>cat', 'c2a>cat']);
    const a = analyzeGraph(before);
    const b = analyzeGraph(after);
    expect(b.diagnostics).toEqual([]);
    expect(b.totals).toEqual(a.totals);
    expect(b.byId.get('block')!.outputShape).toEqual(a.byId.get('cat')!.outputShape);
    expect(b.byId.get('block/cat')!.outputShape).toEqual([8, 8, 9]);
  });

  it('refuses a selection with two inputs, two outputs, the graph input, or a taken name', () => {
    const twoIn = group(flat(), ['c2a', 'c2b']);
    expect(twoIn).toEqual({ ok: false, error: 'The selection has 2 outputs (c2a, c2b: nodes nothing selected reads); a module has exactly one.' });
    expect(group(flat(), ['cat'])).toEqual({ ok: false, error: 'The selection is fed by 3 nodes (c2b, r1, c2a); a module has exactly one input.' });
    expect(group(flat(), ['input', 'c1'])).toEqual({ ok: false, error: "The selection holds the graph's input 'input'; a module's input is whatever feeds it: leave 'input' out." });
    expect(group(flat(), ['r1', 'c2a'])).toEqual({ ok: false, error: "'r1' inside the selection is read from outside it; only the module's output ('c2a') may be." });
    const once = (group(flat(), ['gap']) as { graph: Graph }).graph;
    expect(group(once, ['fc'])).toEqual({ ok: false, error: "There is already a module named 'block'." });
  });

  it('becomes minimal text edits of the document: the canonical file of the result', () => {
    const before = flat();
    const text = serializeGraph(before);
    const after = (group(before, ['c2a', 'c2b', 'cat', 'r1']) as { graph: Graph }).graph;
    const edited = applyTextEdits(text, graphTextEdits(text, before, after));
    expect(edited).toBe(serializeGraph(after));
    expect(parseGraphText(edited).graph).toEqual(after);
  });

  it('edits a hand-formatted file in place, adding the modules section before the nodes', () => {
    const before = flat();
    const text = JSON.stringify(JSON.parse(serializeGraph(before)), null, 4);
    const after = (group(before, ['gap'], 'pool') as { graph: Graph }).graph;
    const edited = applyTextEdits(text, graphTextEdits(text, before, after));
    const reparsed = parseGraphText(edited);
    expect(reparsed.problems).toEqual([]);
    expect(reparsed.graph).toEqual(after);
    expect(edited.indexOf('"modules"')).toBeLessThan(edited.indexOf('"nodes"'));
  });
});

describe('editing a module definition', () => {
  it('changes every use', () => {
    const graph = parseGraphText(JSON.stringify(tinyResidualGraph())).graph!;
    const r = applyIntent(graph, { kind: 'set-module-attribute', module: 'block', node: 'conv1', attribute: 'bias', value: false });
    expect(r.ok).toBe(true);
    const a = analyzeGraph((r as { graph: Graph }).graph);
    expect(a.diagnostics).toEqual([]);
    for (const id of ['b0/conv1', 'bs/0/conv1', 'bs/1/conv1']) expect(a.byId.get(id)!.attrs.bias).toBe(false);
    // conv1 of b0: 3×3 on 3 channels, 4 filters, no bias now; of bs/1: 3×3 on 16 channels, 8 filters.
    expect(a.byId.get('b0/conv1')!.params).toBe(9 * 3 * 4);
    expect(a.byId.get('bs/1/conv1')!.params).toBe(9 * 16 * 8);
    expect(a.totals.trainableParams).toBe(analyzeGraph(graph).totals.trainableParams - 4 - 8 - 8);
    const removed = applyIntent(graph, { kind: 'set-module-attribute', module: 'block', node: 'conv1', attribute: 'padding', value: null });
    expect((removed as { graph: Graph }).graph.modules!.block.nodes[1].attrs).toEqual({ filters: '$filters', kernel: 3, stride: '$stride' });
    expect(applyIntent(graph, { kind: 'set-module-attribute', module: 'nope', node: 'conv1', attribute: 'kernel', value: 1 })).toEqual({ ok: false, error: "There is no module 'nope'." });
  });
});
