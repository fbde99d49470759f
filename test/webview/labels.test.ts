import { describe, expect, it } from 'vitest';
import { parseGraphText } from '../../engine/graph/parse';
import { serializeGraph } from '../../engine/graph/serialize';
import type { Graph, GraphNode } from '../../engine/graph/types';
import { analyzeGraph } from '../../engine/shape/analyze';
import { connectionProblem } from '../../engine/document/connection';
import { attributeError, textToValue, valueToText } from '../../webview/model/attributeInput';
import { copyText, pasteIntent } from '../../webview/canvas/clipboard';
import { isHorizontal, positionsFor } from '../../webview/model/fallbackLayout';
import { FlowModel, keepShown, keepShownEdges } from '../../webview/model/flowModel';
import { DocumentModel } from '../../webview/model/documentModel';
import { applyIntent } from '../../engine/document/intents';
import { applyTextEdits, graphTextEdits } from '../../extension/document/textEdits';
import { keyAttributes, paramsText, shapeText } from '../../webview/model/labels';

function graphOf(nodes: GraphNode[], chain = true): Graph {
  const edges = chain ? nodes.slice(1).map((n, i) => ({ from: nodes[i].id, to: n.id })) : [];
  return { name: 't', nodes, edges, layout: {} };
}

function cards(g: Graph) {
  const a = analyzeGraph(g);
  return (id: string) => {
    const node = g.nodes.find((n) => n.id === id)!;
    return { attrs: keyAttributes(node, a.byId.get(id)), shape: shapeText(a.byId.get(id)), params: paramsText(a.byId.get(id)) };
  };
}

describe('node card text', () => {
  const g = graphOf([
    { id: 'in', type: 'input', attrs: { shape: [32, 32, 3] } },
    { id: 'c', type: 'conv2d', attrs: { filters: 10, kernel: 5, padding: 2 } },
    { id: 'p', type: 'maxpool2d', attrs: { kernel: 2 } },
    { id: 's', type: 'conv2d', attrs: { filters: 4, kernel: [3, 1], stride: [2, 1], padding: 'same', dilation: 2, bias: false } },
    { id: 'd', type: 'dense', attrs: { units: 7 } },
    { id: 'm', type: 'maxout', attrs: { units: 3, pieces: 4 } },
    { id: 'b', type: 'batchnorm', attrs: {} },
    { id: 'r', type: 'dropout', attrs: { rate: 0.25 } },
  ]);
  const card = cards(g);

  it('conv: kernel, stride, padding, filters in the lecture shorthand, with shape and params', () => {
    expect(card('c')).toEqual({ attrs: '5×5 /1 pad 2 ×10', shape: '32×32×10', params: '760' });
  });

  it('pool: stride defaults to the kernel; no padding shown when there is none', () => {
    expect(card('p')).toEqual({ attrs: '2×2 /2', shape: '16×16×10', params: '0' });
  });

  it('asymmetric kernel, stride and "same" padding resolved per side, dilation, no bias', () => {
    // Dilated 3×1 kernel spans 5 rows; "same" with stride 2 gives ⌈16/2⌉ = 8 rows, padding (8 − 1)·2 + 5 − 16 = 3
    // rows: 1 on top, 2 at the bottom (TensorFlow's rule); columns: stride 1, span 1 → no padding.
    expect(card('s')).toEqual({ attrs: '3×1 /2,1 pad 1,2,0,0 dil 2 ×4 no bias', shape: '8×16×4', params: '120' });
  });

  it('dense flattens its image input: 8·16·4 = 512 inputs → (512 + 1)·7 = 3,591 params', () => {
    expect(card('d')).toEqual({ attrs: '7 units', shape: '7', params: '3,591' });
  });

  it('maxout and batchnorm (running statistics count as params, as in the summary table)', () => {
    expect(card('m')).toEqual({ attrs: '3 units × 4 pieces', shape: '3', params: '96' });
    expect(card('b')).toEqual({ attrs: 'momentum 0.99', shape: '3', params: '12' });
    expect(card('r').attrs).toBe('rate 0.25');
  });

  it('a node whose attributes are invalid shows them as written and an unknown shape', () => {
    const bad = graphOf([
      { id: 'in', type: 'input', attrs: { shape: [8, 8, 1] } },
      { id: 'c', type: 'conv2d', attrs: { filters: -3, kernel: 3 } },
    ]);
    expect(cards(bad)('c')).toEqual({ attrs: 'filters -3 kernel 3', shape: '—', params: '0' });
  });
});

describe('connection validation', () => {
  const g = parseGraphText(require('node:fs').readFileSync('examples/resnet18.nn.json', 'utf8')).graph!;
  it('refuses a cycle, a second input, an input into the input block; accepts a second input to an add', () => {
    const first = g.nodes[1].id;
    const last = g.nodes.at(-1)!.id;
    expect(connectionProblem(g, last, first)).toMatch(/cycle/);
    expect(connectionProblem(g, first, first)).toMatch(/cycle/);
    expect(connectionProblem(g, first, g.nodes[0].id)).toMatch(/takes no inputs/);
    expect(connectionProblem(g, 'conv1', 'layer1.0.conv2')).toMatch(/single input and already has one/);
    const add = g.nodes.find((n) => n.type === 'add')!;
    const feeder = g.nodes.find((n) => n.type === 'input')!;
    expect(connectionProblem(g, feeder.id, add.id)).toBeNull();
    expect(connectionProblem(g, 'nope', add.id)).toMatch(/no node 'nope'/);
  });
});

describe('inspector input', () => {
  it('reads numbers, pairs and words; shows them back the way they were typed', () => {
    expect(textToValue(' 2 ')).toBe(2);
    expect(textToValue('[3, 1]')).toEqual([3, 1]);
    expect(textToValue('same')).toBe('same');
    expect(textToValue('')).toBeUndefined();
    expect(valueToText([3, 1])).toBe('[3, 1]');
    expect(valueToText('valid')).toBe('valid');
  });

  it('validates with the block spec as you type', () => {
    expect(attributeError('conv2d', 'stride', '2')).toBeNull();
    expect(attributeError('conv2d', 'stride', '0')).toMatch(/must be a whole number from 1/);
    expect(attributeError('conv2d', 'padding', 'same')).toBeNull();
    expect(attributeError('maxpool2d', 'padding', 'same')).toMatch(/must be/);
    expect(attributeError('conv2d', 'filters', '')).toBe('required');
    expect(attributeError('dropout', 'rate', '1')).toMatch(/\[0, 1\)/);
  });
});

describe('copy and paste', () => {
  it('copies the selection with its inner edges and positions; pastes 40 px down-right', () => {
    const g = graphOf([
      { id: 'a', type: 'input', attrs: { shape: [4] } },
      { id: 'b', type: 'dense', attrs: { units: 2 } },
      { id: 'c', type: 'relu', attrs: {} },
    ]);
    const text = copyText(g, new Set(['b', 'c']), new Map([['b', { x: 10, y: 20 }]]))!;
    expect(pasteIntent(text)).toEqual({
      kind: 'paste',
      nodes: [
        { id: 'b', type: 'dense', attrs: { units: 2 } },
        { id: 'c', type: 'relu', attrs: {} },
      ],
      edges: [{ from: 'b', to: 'c' }],
      positions: { b: { x: 50, y: 60 }, c: { x: 40, y: 40 } },
    });
    expect(pasteIntent('hello')).toBeNull();
    expect(pasteIntent('{"nodes": []}')).toBeNull();
  });
});

describe('layout and view model', () => {
  it('places unplaced nodes by depth, keeps placed ones, and tells top-down from left-to-right', () => {
    const g: Graph = {
      ...graphOf([
        { id: 'a', type: 'input', attrs: { shape: [4] } },
        { id: 'b', type: 'dense', attrs: { units: 2 } },
        { id: 'c', type: 'relu', attrs: {} },
      ]),
      layout: { c: { x: 40, y: 300 } },
    };
    const p = positionsFor(g);
    expect(p.get('a')).toEqual({ x: 0, y: 0 });
    expect(p.get('b')).toEqual({ x: 0, y: 120 });
    expect(p.get('c')).toEqual({ x: 40, y: 300 });
    expect(isHorizontal(g, p)).toBe(false);
    expect(isHorizontal(g, new Map([['a', { x: 0, y: 0 }], ['b', { x: 300, y: 10 }], ['c', { x: 600, y: 0 }]]))).toBe(true);
  });

  it('after one attribute edit only the cards whose numbers changed get new texts, and React Flow no new nodes', () => {
    const text = require('node:fs').readFileSync('examples/lenet5.nn.json', 'utf8');
    const g1 = parseGraphText(text).graph!;
    const a1 = analyzeGraph(g1);
    const model = new FlowModel();
    const first = model.build(g1, a1, positionsFor(g1), new Set(), false);
    const g2 = parseGraphText(serializeGraph({ ...g1, nodes: g1.nodes.map((n) => (n.id === 'f6' ? { ...n, attrs: { units: 42 } } : n)) })).graph!;
    const second = model.build(g2, analyzeGraph(g2, a1), positionsFor(g2), new Set(), false);
    const changed = [...second.labels.cards].filter(([id, card]) => card !== first.labels.cards.get(id)).map(([id]) => id);
    // f6's own card (units, shape, params) and output (its params depend on f6's width); relu6's shape changes.
    expect(changed.sort()).toEqual(['f6', 'output', 'relu6']);
    expect(second.labels.cards.get('output')!.params).toBe('430');
    expect(second.labels.edges.get('f6->relu6')).toBe('42');
    expect(second.nodes.filter((n, i) => n !== first.nodes[i])).toEqual([]);
    expect(second.edges.filter((e, i) => e !== first.edges[i])).toEqual([]);
  });

  it('a new document keeps the nodes React Flow holds where nothing changed, and the measured size where labels did', () => {
    const text = require('node:fs').readFileSync('examples/lenet5.nn.json', 'utf8');
    const g1 = parseGraphText(text).graph!;
    const a1 = analyzeGraph(g1);
    const model = new FlowModel();
    const first = model.build(g1, a1, positionsFor(g1), new Set(), false);
    // React Flow's copies after measuring (applyNodeChanges makes new objects), as the canvas holds them.
    const shown = first.nodes.map((n) => ({ ...n, measured: { width: 200, height: n.id === 'c1' ? 71 : 52 } }));
    const shownEdges = first.edges.map((e) => ({ ...e }));
    const g2 = parseGraphText(serializeGraph({ ...g1, nodes: g1.nodes.map((n) => (n.id === 'c1' ? { ...n, attrs: { ...n.attrs, filters: 7 } } : n)) })).graph!;
    const second = model.build(g2, analyzeGraph(g2, a1), positionsFor(g2), new Set(['s4']), false);
    const kept = keepShown(second.nodes, shown);
    // Texts changed (c3's params: 5·5·7·16 + 16 = 2,816) but React Flow's nodes did not: only s4, newly selected,
    // is a new node, and it keeps its measured size.
    expect(second.labels.cards.get('c3')!.params).toBe('2,816');
    expect(kept.filter((n, i) => n !== shown[i]).map((n) => n.id)).toEqual(['s4']);
    expect(kept.find((n) => n.id === 's4')!.selected).toBe(true);
    expect(kept.find((n) => n.id === 's4')!.measured).toEqual({ width: 200, height: 52 });
    const moved = model.build(g2, analyzeGraph(g2, a1), new Map([...positionsFor(g2), ['c1', { x: 5, y: 5 }]]), new Set(['s4']), false);
    expect(keepShown(moved.nodes, kept).find((n) => n.id === 'c1')!.measured).toEqual({ width: 200, height: 71 });
    // Nothing changed for React Flow: the very same lists, so it does no work at all.
    expect(keepShown(second.nodes, kept)).toBe(kept);
    expect(keepShownEdges(second.edges, shownEdges)).toBe(shownEdges);
  });

  it('an attribute edit drawn before the host confirms it is what the confirming document shows: nothing redraws', () => {
    const text = require('node:fs').readFileSync('examples/lenet5.nn.json', 'utf8');
    const doc = new DocumentModel();
    const flow = new FlowModel();
    const shown = doc.read(text);
    flow.build(shown.graph!, shown.analysis!, positionsFor(shown.graph!), new Set(), false);
    // The webview's prediction: the same applyIntent the host runs, on the graph it shows.
    const r = applyIntent(shown.graph!, { kind: 'set-attribute', node: 'c1', attribute: 'filters', value: 7 });
    if (!r.ok) throw new Error(r.error);
    const predicted = doc.read(text, r.graph);
    const drawn = flow.build(predicted.graph!, predicted.analysis!, positionsFor(predicted.graph!), new Set(), false);
    expect(drawn.labels.cards.get('c1')!.shape).toBe('28×28×7');
    expect(drawn.labels.cards.get('c3')!.params).toBe('2,816');
    // The host's document: the edited text, parsed afresh (new objects throughout).
    const hostText = applyTextEdits(text, graphTextEdits(text, shown.graph!, r.graph));
    const confirmed = doc.read(hostText);
    const again = flow.build(confirmed.graph!, confirmed.analysis!, positionsFor(confirmed.graph!), new Set(), false);
    expect([...again.labels.cards].filter(([id, card]) => card !== drawn.labels.cards.get(id))).toEqual([]);
    expect(again.nodes.filter((n, i) => n !== drawn.nodes[i])).toEqual([]);
    expect([...again.labels.edges]).toEqual([...drawn.labels.edges]);
  });
});

describe('FlowModel over a text-only edit', () => {
  it('keeps React Flow\'s nodes and edges and rebuilds only the texts, which equal a fresh build', () => {
    const text = require('node:fs').readFileSync('examples/lenet5.nn.json', 'utf8');
    const doc = new DocumentModel();
    const flow = new FlowModel();
    const shown = doc.read(text);
    const positions = positionsFor(shown.graph!);
    const selected = new Set<string>();
    const first = flow.build(shown.graph!, shown.analysis!, positions, selected, false);
    const r = applyIntent(shown.graph!, { kind: 'set-attribute', node: 'c1', attribute: 'filters', value: 7 });
    if (!r.ok) throw new Error(r.error);
    const edited = doc.read(text, r.graph);
    const second = flow.build(edited.graph!, edited.analysis!, positions, selected, false);
    expect(second.nodes).toBe(first.nodes);
    expect(second.edges).toBe(first.edges);
    const fresh = new FlowModel().build(edited.graph!, edited.analysis!, positions, selected, false);
    expect([...second.labels.cards]).toEqual([...fresh.labels.cards]);
    expect([...second.labels.edges]).toEqual([...fresh.labels.edges]);
    expect(second.labels.cards.get('c1')!.shape).toBe('28×28×7');
    // Cards whose texts did not change are the same objects (the label store skips them).
    expect(second.labels.cards.get('softmax')).toBe(first.labels.cards.get('softmax'));
    // A new selection is a new placement: React Flow gets the node it must redraw.
    const third = flow.build(edited.graph!, edited.analysis!, positions, new Set(['c1']), false);
    expect(third.nodes.find((n) => n.id === 'c1')!.selected).toBe(true);
    expect([...third.labels.cards]).toEqual([...fresh.labels.cards]);
  });
});
