import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exampleGraphFiles } from '../helpers/examples';
import { parseGraphText } from '../../engine/graph/parse';
import { serializeGraph } from '../../engine/graph/serialize';
import type { Graph } from '../../engine/graph/types';
import { applyIntent } from '../../engine/document/intents';
import { applyTextEdits, graphTextEdits, splitLines, type TextEdit } from '../../extension/document/textEdits';
import type { Intent } from '../../extension/protocol';

const lenetText = readFileSync('examples/lenet5.nn.json', 'utf8');
const lenet = parseGraphText(lenetText).graph!;
/** The same graph as a person might format it: JSON.stringify with 4 spaces (every node spread over lines). */
const prettyText = JSON.stringify(JSON.parse(lenetText), null, 4) + '\n';
const crlfText = prettyText.replace(/\n/g, '\r\n');

/** A canonical form with layout keys sorted, to compare graphs regardless of key order. */
function normal(g: Graph): string {
  const layout = Object.fromEntries(Object.entries(g.layout).sort(([a], [b]) => a.localeCompare(b)));
  return serializeGraph({ ...g, layout });
}

function edit(text: string, intent: Intent): { next: string; edits: TextEdit[]; expected: Graph } {
  const before = parseGraphText(text).graph!;
  const r = applyIntent(before, intent);
  if (!r.ok) throw new Error(r.error);
  const edits = graphTextEdits(text, before, r.graph);
  return { next: applyTextEdits(text, edits), edits, expected: r.graph };
}

function changedLines(edits: readonly TextEdit[], text: string): number {
  return edits.reduce((n, e) => n + splitLines(text.slice(e.offset, e.offset + e.length)).length, 0);
}

describe('intent → minimal text edit → the same graph', () => {
  it('changing one attribute of a canonical file is a one-line edit', () => {
    const { next, edits, expected } = edit(lenetText, { kind: 'set-attribute', node: 'c1', attribute: 'stride', value: 2 });
    expect(edits).toHaveLength(1);
    expect(changedLines(edits, lenetText)).toBe(1);
    expect(edits[0].text).toBe('    { "id": "c1", "type": "conv2d", "filters": 6, "kernel": 5, "stride": 2, "padding": 2 },\n');
    expect(normal(parseGraphText(next).graph!)).toBe(normal(expected));
  });

  it('adding a node after another adds its node line, its edge line and a layout section', () => {
    const { next, edits, expected } = edit(lenetText, { kind: 'add-node', type: 'conv2d', after: 'softmax', position: { x: 10.4, y: 20.6 } });
    const graph = parseGraphText(next).graph!;
    expect(normal(graph)).toBe(normal(expected));
    expect(graph.nodes.at(-1)).toEqual({ id: 'conv2d_1', type: 'conv2d', attrs: { filters: 16, kernel: 3 } });
    expect(graph.edges.at(-1)).toEqual({ from: 'softmax', to: 'conv2d_1' });
    expect(graph.layout.conv2d_1).toEqual({ x: 10, y: 21 });
    // Nothing but insertions (and the line before each, which gains a comma) changes.
    expect(changedLines(edits, lenetText)).toBeLessThanOrEqual(3);
  });

  it('deleting a node removes its line, its edges and nothing else', () => {
    const { next, expected } = edit(lenetText, { kind: 'delete', nodes: ['relu3'], edges: [] });
    const graph = parseGraphText(next).graph!;
    expect(graph.nodes.map((n) => n.id)).not.toContain('relu3');
    expect(graph.edges.filter((e) => e.from === 'relu3' || e.to === 'relu3')).toEqual([]);
    expect(normal(graph)).toBe(normal(expected));
    const removed = splitLines(lenetText).length - splitLines(next).length;
    expect(removed).toBe(3);
  });

  it('keeps the formatting of a hand-formatted file: only the changed node is rewritten', () => {
    const { next, edits, expected } = edit(prettyText, { kind: 'set-attribute', node: 'c3', attribute: 'filters', value: 32 });
    expect(edits).toHaveLength(1);
    expect(normal(parseGraphText(next).graph!)).toBe(normal(expected));
    // c3 spans 6 lines in the pretty file; the rest of the document is untouched.
    expect(changedLines(edits, prettyText)).toBe(6);
    expect(next.includes('        {\n            "id": "c1",')).toBe(true);
  });

  it('a line-ending style of CRLF survives structural edits', () => {
    const { next, expected } = edit(crlfText, { kind: 'move', positions: { c1: { x: 1, y: 2 } } });
    expect(next.replace(/\r\n/g, '')).not.toContain('\n');
    expect(normal(parseGraphText(next).graph!)).toBe(normal(expected));
    expect(next).toContain('"layout": {\r\n        "c1": { "x": 1, "y": 2 }\r\n    }');
  });

  it('sets a training field in place in a hand-formatted file', () => {
    const { next, edits } = edit(prettyText, { kind: 'set-training', key: 'epochs', value: 9 });
    expect(edits).toHaveLength(1);
    expect(changedLines(edits, prettyText)).toBe(1);
    expect(parseGraphText(next).graph!.training!.epochs).toBe(9);
  });

  it('applies a fix that inserts a node on an edge, keeping the edge order', () => {
    const { next, expected } = edit(lenetText, {
      kind: 'apply-fix',
      edits: [{ kind: 'insert-node', from: 's4', to: 'c5', id: 'flatten', type: 'flatten', attrs: {} }],
    });
    const graph = parseGraphText(next).graph!;
    expect(normal(graph)).toBe(normal(expected));
    const i = graph.edges.findIndex((e) => e.from === 's4');
    expect(graph.edges.slice(i, i + 2)).toEqual([
      { from: 's4', to: 'flatten' },
      { from: 'flatten', to: 'c5' },
    ]);
  });

  it('paste makes ids unique and keeps only the edges inside the selection', () => {
    const r = applyIntent(lenet, {
      kind: 'paste',
      nodes: [
        { id: 'c1', type: 'conv2d', attrs: { filters: 6, kernel: 5 } },
        { id: 'relu1', type: 'relu', attrs: {} },
      ],
      edges: [
        { from: 'c1', to: 'relu1' },
        { from: 'input', to: 'c1' },
      ],
      positions: { c1: { x: 40, y: 40 } },
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.graph.nodes.slice(-2).map((n) => n.id)).toEqual(['c1_2', 'relu1_2']);
    expect(r.graph.edges.at(-1)).toEqual({ from: 'c1_2', to: 'relu1_2' });
    expect(r.graph.edges).toHaveLength(lenet.edges.length + 1);
    expect(r.graph.layout.c1_2).toEqual({ x: 40, y: 40 });
  });

  it('refuses a cycle and a second input with the reason', () => {
    const cycle = applyIntent(lenet, { kind: 'connect', from: 'softmax', to: 'c1' });
    expect(cycle).toEqual({ ok: false, error: expect.stringContaining('cycle') });
    const second = applyIntent(lenet, { kind: 'connect', from: 'input', to: 'c3' });
    expect(second).toEqual({ ok: false, error: expect.stringContaining('single input') });
  });

  it('random intent sequences keep text and graph in agreement, canonical or not', () => {
    const ids = lenet.nodes.map((n) => n.id);
    const id = fc.constantFrom(...ids);
    const intent: fc.Arbitrary<Intent> = fc.oneof(
      fc.record({ kind: fc.constant('set-attribute' as const), node: id, attribute: fc.constantFrom('filters', 'units', 'rate'), value: fc.integer({ min: 1, max: 99 }) }),
      fc.record({ kind: fc.constant('move' as const), positions: fc.dictionary(id, fc.record({ x: fc.integer({ min: -500, max: 500 }), y: fc.integer({ min: 0, max: 900 }) })) }),
      fc.record({ kind: fc.constant('add-node' as const), type: fc.constantFrom('relu', 'dense', 'dropout'), after: id }),
      fc.record({ kind: fc.constant('delete' as const), nodes: fc.subarray(ids, { maxLength: 2 }), edges: fc.constant([]) }),
      fc.record({ kind: fc.constant('disconnect' as const), from: id, to: id }),
      fc.record({ kind: fc.constant('set-training' as const), key: fc.constantFrom('epochs', 'seed', 'extra'), value: fc.oneof(fc.integer(), fc.constant(null)) }),
    );
    fc.assert(
      fc.property(fc.constantFrom(lenetText, prettyText, crlfText), fc.array(intent, { minLength: 1, maxLength: 6 }), (start, intents) => {
        let text = start;
        for (const i of intents) {
          const before = parseGraphText(text).graph!;
          const r = applyIntent(before, i);
          if (!r.ok) continue;
          text = applyTextEdits(text, graphTextEdits(text, before, r.graph));
          const parsed = parseGraphText(text);
          expect(parsed.problems.filter((p) => p.severity === 'error')).toEqual([]);
          expect(normal(parsed.graph!)).toBe(normal(r.graph));
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('canonical text with cached node lines', () => {
  it('equals serializeGraph for every example, before and after random edits', async () => {
    const { canonicalText } = await import('../../extension/document/canonicalText');
    const fs = await import('node:fs');
    for (const f of exampleGraphFiles()) {
      let g = parseGraphText(fs.readFileSync(`examples/${f}`, 'utf8')).graph!;
      expect(canonicalText(g)).toBe(serializeGraph(g));
      for (const [i, node] of g.nodes.slice(0, 5).entries()) {
        const r = applyIntent(g, { kind: 'set-label', node: node.id, label: `L${i}` });
        if (r.ok) g = r.graph;
        expect(canonicalText(g)).toBe(serializeGraph(g));
      }
    }
    const empty: Graph = { name: 'e', nodes: [], edges: [], layout: {} };
    expect(canonicalText(empty)).toBe(serializeGraph(empty));
  });
});

describe('canvas edits never rewrite what they cannot keep', () => {
  it('an edit whose rewritten line holds 1e999 or a 20-digit integer is refused naming the line; other lines edit freely', async () => {
    const { editLosses } = await import('../../engine/graph/lossless');
    const text = [
      '{',
      '  "format": "wiregrad.graph",',
      '  "version": 1,',
      '  "name": "g",',
      '  "nodes": [',
      '    { "id": "in", "type": "input", "shape": [4] },',
      '    { "id": "a", "type": "dense", "units": 2, "note": 12345678901234567890 },',
      '    { "id": "b", "type": "dense", "units": 2, "scale": 1e999 },',
      '    { "id": "c", "type": "dense", "units": 2 }',
      '  ],',
      '  "edges": [',
      '    { "from": "in", "to": "a" },',
      '    { "from": "a", "to": "b" },',
      '    { "from": "b", "to": "c" }',
      '  ]',
      '}',
      '',
    ].join('\n');
    const before = parseGraphText(text).graph!;
    const edit = (node: string) => {
      const r = applyIntent(before, { kind: 'set-attribute', node, attribute: 'units', value: 3 });
      if (!r.ok) throw new Error(r.error);
      return editLosses(text, graphTextEdits(text, before, r.graph));
    };
    expect(edit('a')).toEqual([{ line: 7, column: 55, message: '12345678901234567890 has more digits than a float64 keeps; it would be written as 12345678901234567000' }]);
    expect(edit('b')[0]).toMatchObject({ line: 8, message: expect.stringMatching(/^1e999 is beyond the largest number/) });
    expect(edit('c')).toEqual([]);
  });
});
