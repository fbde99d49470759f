/**
 * The canvas's caches for one-frame edits: the label store writes exactly the texts that changed into their
 * elements and re-renders a card only when its look (label, problems) changes; the view model reused across edits
 * gives the texts a fresh one gives; the graph comparisons that skip a redraw or a re-layout tell equal from unequal.
 */
import fs from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyIntent } from '../../engine/document/intents';
import { parseGraphText } from '../../engine/graph/parse';
import { serializeGraph } from '../../engine/graph/serialize';
import type { Graph, JsonValue } from '../../engine/graph/types';
import { analyzeGraph } from '../../engine/shape/analyze';
import { LabelStore } from '../../webview/canvas/labelStore';
import { positionsFor } from '../../webview/model/fallbackLayout';
import { FlowModel, type Labels } from '../../webview/model/flowModel';
import { sameGraph, samePlacement } from '../../webview/model/sameGraph';

/** The two DOM calls the store makes (createTextNode, replaceChildren), and what a test reads back. */
class FakeElement {
  child: { data: string } | null = null;
  writes = 0;
  readonly ownerDocument = { createTextNode: (data: string) => this.track({ data }) };
  replaceChildren(node: { data: string }): void {
    this.child = node;
  }
  get text(): string | undefined {
    return this.child?.data;
  }
  private track(node: { data: string }): { data: string } {
    let data = node.data;
    const element = this;
    return {
      get data() {
        return data;
      },
      set data(v: string) {
        element.writes++;
        data = v;
      },
    };
  }
}

const LENET = fs.readFileSync('examples/lenet5.nn.json', 'utf8');

function labelsOf(model: FlowModel, g: Graph): Labels {
  return model.build(g, analyzeGraph(g), positionsFor(g), new Set(), false).labels;
}

function attach(store: LabelStore, field: 'shape' | 'params' | 'keyAttrs' | 'edge', id: string): FakeElement {
  const element = new FakeElement();
  store.textRef(field, id)(element as unknown as HTMLElement);
  return element;
}

describe('LabelStore', () => {
  const g1 = parseGraphText(LENET).graph!;
  const r = applyIntent(g1, { kind: 'set-attribute', node: 'c1', attribute: 'filters', value: 7 });
  if (!r.ok) throw new Error(r.error);
  const g2 = r.graph;

  it('writes a text when its element attaches, then only the texts that change', () => {
    const model = new FlowModel();
    const first = labelsOf(model, g1);
    const store = new LabelStore(first);
    const c1Shape = attach(store, 'shape', 'c1');
    const c3Params = attach(store, 'params', 'c3');
    const f6Params = attach(store, 'params', 'f6');
    const edge = attach(store, 'edge', 'c1->relu1');
    expect([c1Shape.text, c3Params.text, f6Params.text, edge.text]).toEqual(['28×28×6', '2,416', '10,164', '28×28×6']);

    store.set(model.build(g2, analyzeGraph(g2), positionsFor(g2), new Set(), false).labels);
    // c3 reads 7 channels now: 5·5·7·16 + 16 = 2,816 params; f6 is downstream of nothing that changed size.
    expect([c1Shape.text, c3Params.text, f6Params.text, edge.text]).toEqual(['28×28×7', '2,816', '10,164', '28×28×7']);
    expect([c1Shape.writes, c3Params.writes, f6Params.writes, edge.writes]).toEqual([1, 1, 0, 1]);
    // The same ref for the same text across renders (React would otherwise detach and re-attach it every render).
    expect(store.textRef('shape', 'c1')).toBe(store.textRef('shape', 'c1'));
  });

  it('re-renders a card (its look) only when its label or problems change', () => {
    const model = new FlowModel();
    const store = new LabelStore(labelsOf(model, g1));
    const look = store.look('c1');
    let heard = 0;
    const stop = store.subscribeLook('c1', () => heard++);
    store.set(labelsOf(model, g2));
    expect(heard).toBe(0);
    expect(store.look('c1')).toBe(look);
    const labelled = applyIntent(g2, { kind: 'set-label', node: 'c1', label: 'first conv' });
    if (!labelled.ok) throw new Error(labelled.error);
    store.set(labelsOf(model, labelled.graph));
    expect(heard).toBe(1);
    expect(store.look('c1')).toMatchObject({ label: 'first conv', severity: null });
    // A problem: dense units 0 is an error on f6.
    const broken = applyIntent(labelled.graph, { kind: 'set-attribute', node: 'f6', attribute: 'units', value: 0 });
    if (!broken.ok) throw new Error(broken.error);
    let f6Heard = 0;
    store.look('f6');
    store.subscribeLook('f6', () => f6Heard++);
    store.set(labelsOf(model, broken.graph));
    expect(f6Heard).toBe(1);
    expect(store.look('f6')?.severity).toBe('error');
    stop();
  });

  it('fills a card added later, and forgets the refs of cards that are gone', () => {
    const model = new FlowModel();
    const store = new LabelStore(labelsOf(model, g1));
    const added = applyIntent(g1, { kind: 'add-node', type: 'relu', after: 'output' });
    if (!added.ok) throw new Error(added.error);
    const next = labelsOf(model, added.graph);
    const id = [...next.cards.keys()].find((k) => !g1.nodes.some((n) => n.id === k))!;
    // React attaches the new card's elements before the canvas hands the store the new labels.
    const shape = attach(store, 'shape', id);
    expect(shape.text).toBe('');
    store.set(next);
    expect(shape.text).toBe('10');
    const ref = store.textRef('shape', id);
    ref(null);
    store.set(labelsOf(model, g1));
    expect(store.textRef('shape', id)).not.toBe(ref);
  });
});

describe('FlowModel across text edits', () => {
  // Random attribute and label edits, each written to text and read back (new node objects throughout, as a text
  // edit gives): the model that reuses cards shows what a fresh model shows.
  const base = parseGraphText(LENET).graph!;
  const edit = fc.record({
    node: fc.constantFrom(...base.nodes.map((n) => n.id)),
    what: fc.oneof(
      fc.record({ attribute: fc.constantFrom('filters', 'units', 'kernel', 'stride', 'padding'), value: fc.oneof<fc.Arbitrary<JsonValue>[]>(fc.integer({ min: 0, max: 9 }), fc.constant('same'), fc.constant([2, 1])) }),
      fc.record({ label: fc.oneof(fc.string({ maxLength: 5 }), fc.constant(null)) }),
    ),
  });

  it('gives every card and edge the texts a fresh model gives (property)', () => {
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 6 }), (edits) => {
        const reused = new FlowModel();
        let text = serializeGraph(base);
        let graph = parseGraphText(text).graph!;
        let analysis = analyzeGraph(graph);
        reused.build(graph, analysis, positionsFor(graph), new Set(), false);
        for (const e of edits) {
          const r = applyIntent(
            graph,
            'label' in e.what ? { kind: 'set-label', node: e.node, label: e.what.label } : { kind: 'set-attribute', node: e.node, attribute: e.what.attribute, value: e.what.value },
          );
          if (!r.ok) continue;
          text = serializeGraph(r.graph);
          graph = parseGraphText(text).graph!;
          analysis = analyzeGraph(graph, analysis);
          const got = reused.build(graph, analysis, positionsFor(graph), new Set(), false).labels;
          const fresh = new FlowModel().build(graph, analyzeGraph(graph), positionsFor(graph), new Set(), false).labels;
          expect([...got.cards]).toEqual([...fresh.cards]);
          expect([...got.edges]).toEqual([...fresh.edges]);
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('sameGraph and samePlacement', () => {
  const g = parseGraphText(LENET).graph!;
  const reread = parseGraphText(serializeGraph(g)).graph!;

  it('a graph read again from its own text says the same thing', () => {
    expect(reread).not.toBe(g);
    expect(sameGraph(g, reread)).toBe(true);
    expect(samePlacement(g, reread)).toBe(true);
  });

  it('tells an attribute, a label, an edge, a position, the name or the training apart', () => {
    const changed = (f: (x: Graph) => Graph) => f(reread);
    const at = (id: string, attrs: object) => changed((x) => ({ ...x, nodes: x.nodes.map((n) => (n.id === id ? { ...n, attrs: { ...n.attrs, ...attrs } } : n)) }));
    expect(sameGraph(g, at('c1', { filters: 7 }))).toBe(false);
    expect(samePlacement(g, at('c1', { filters: 7 }))).toBe(true);
    expect(sameGraph(g, changed((x) => ({ ...x, nodes: x.nodes.map((n) => (n.id === 'c1' ? { ...n, label: 'L' } : n)) })))).toBe(false);
    const fewerEdges = changed((x) => ({ ...x, edges: x.edges.slice(1) }));
    expect(sameGraph(g, fewerEdges)).toBe(false);
    expect(samePlacement(g, fewerEdges)).toBe(false);
    const moved = changed((x) => ({ ...x, layout: { ...x.layout, c1: { x: 1, y: 2 } } }));
    expect(sameGraph(g, moved)).toBe(false);
    expect(samePlacement(g, moved)).toBe(false);
    expect(sameGraph(g, changed((x) => ({ ...x, name: 'other' })))).toBe(false);
    expect(sameGraph(g, changed((x) => ({ ...x, training: { ...x.training, epochs: 99 } })))).toBe(false);
    const swapped = changed((x) => ({ ...x, nodes: [x.nodes[1], x.nodes[0], ...x.nodes.slice(2)] }));
    expect(samePlacement(g, swapped)).toBe(false);
  });
});
