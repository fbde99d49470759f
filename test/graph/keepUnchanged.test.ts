/**
 * keepUnchanged: a freshly read graph with the previous graph's objects where they say the same thing. The result
 * must say exactly what the fresh graph says (same JSON text, key order included), and share every object that is
 * unchanged: that is what lets a text edit reuse the analysis's and the canvas's caches.
 */
import fc from 'fast-check';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { keepUnchanged, sameJson, sameNode } from '../../engine/graph/keepUnchanged';
import { parseGraphText } from '../../engine/graph/parse';
import type { Graph, JsonValue } from '../../engine/graph/types';

const read = (text: string): Graph => {
  const g = parseGraphText(text).graph;
  if (!g) throw new Error('unreadable');
  return g;
};

const LENET = fs.readFileSync('examples/lenet5.nn.json', 'utf8');

describe('sameJson', () => {
  it('compares values, key order and -0 as the JSON text would', () => {
    expect(sameJson({ a: 1, b: [1, 2] }, { a: 1, b: [1, 2] })).toBe(true);
    expect(sameJson({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(false);
    expect(sameJson([1, 2], [1, 2, 3])).toBe(false);
    expect(sameJson(0, -0)).toBe(false);
    expect(sameJson(null, {})).toBe(false);
    expect(sameJson([], {})).toBe(false);
    expect(sameJson({ a: { b: [null, 'x'] } }, { a: { b: [null, 'x'] } })).toBe(true);
    expect(sameJson({ a: { b: [null, 'x'] } }, { a: { b: [null, 'y'] } })).toBe(false);
  });

  it('agrees with comparing the JSON texts, over random values', () => {
    const json = fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<JsonValue>;
    fc.assert(
      fc.property(json, json, (a, b) => {
        // JSON.stringify writes -0 as 0; sameJson tells them apart (a -0 in a file reads as -0).
        const text = (v: JsonValue) => JSON.stringify(v, (_k, x: unknown) => (Object.is(x, -0) ? '-0' : x));
        expect(sameJson(a, b)).toBe(text(a) === text(b));
        expect(sameJson(a, structuredClone(a))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('keepUnchanged', () => {
  it('an edit of one attribute keeps every other node, the edges and the layout', () => {
    const before = read(LENET);
    const after = read(LENET.replace('"filters": 6', '"filters": 7'));
    const kept = keepUnchanged(before, after);
    expect(JSON.stringify(kept)).toBe(JSON.stringify(after));
    const changed = kept.nodes.filter((n, i) => n !== before.nodes[i]).map((n) => n.id);
    expect(changed).toEqual(['c1']);
    expect(kept.nodes.find((n) => n.id === 'c1')).toBe(after.nodes.find((n) => n.id === 'c1'));
    expect(kept.edges).toBe(before.edges);
    expect(kept.layout).toBe(before.layout);
  });

  it('the same text again gives the previous graph\'s objects throughout', () => {
    const before = read(LENET);
    const kept = keepUnchanged(before, read(LENET));
    expect(kept.nodes).toBe(before.nodes);
    expect(kept.edges).toBe(before.edges);
    expect(kept.layout).toBe(before.layout);
  });

  it('nodes reordered, renamed, added or removed: the result is the fresh graph, with the unchanged nodes shared', () => {
    const before = read(LENET);
    const g = JSON.parse(LENET);
    [g.nodes[1], g.nodes[2]] = [g.nodes[2], g.nodes[1]];
    g.nodes[3].id = 'renamed';
    g.nodes.push({ id: 'extra', type: 'relu' });
    const after = read(JSON.stringify(g, null, 2));
    const kept = keepUnchanged(before, after);
    expect(JSON.stringify(kept)).toBe(JSON.stringify(after));
    expect(kept.nodes).not.toBe(before.nodes);
    expect(kept.nodes[1]).toBe(before.nodes[2]);
    expect(kept.nodes[2]).toBe(before.nodes[1]);
    expect(kept.nodes[3]).toBe(after.nodes[3]);
  });

  it('a label, an attribute\'s key order or -0 is a change', () => {
    const node = { id: 'c', type: 'conv2d', attrs: { filters: 4, kernel: 3 } };
    expect(sameNode(node, { ...node, label: 'x' })).toBe(false);
    expect(sameNode(node, { ...node, label: undefined })).toBe(false);
    expect(sameNode(node, { ...node, attrs: { kernel: 3, filters: 4 } })).toBe(false);
    expect(sameNode({ ...node, attrs: { padding: 0 } }, { ...node, attrs: { padding: -0 } })).toBe(false);
    expect(sameNode(node, { ...node, attrs: { filters: 4, kernel: 3 } })).toBe(true);
  });

  it('over random edits of a file with modules: the result says what the fresh graph says', () => {
    const text = fs.readFileSync('examples/resnet18-modules.nn.json', 'utf8');
    const base = JSON.parse(text) as { nodes: Record<string, JsonValue>[]; modules: Record<string, { nodes: Record<string, JsonValue>[] }> };
    const edit = fc.record({ node: fc.nat(), key: fc.constantFrom('filters', 'stride', 'label', 'units'), value: fc.oneof(fc.integer({ min: 1, max: 9 }), fc.constant('x')), inModule: fc.boolean() });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
        let previous = read(text);
        let g = structuredClone(base);
        for (const e of edits) {
          const list = e.inModule ? Object.values(g.modules)[0].nodes : g.nodes;
          const n = list[e.node % list.length];
          n[e.key] = e.key === 'label' ? String(e.value) : e.value;
          const fresh = parseGraphText(JSON.stringify(g, null, 2)).graph;
          if (!fresh) continue;
          const kept = keepUnchanged(previous, fresh);
          expect(JSON.stringify(kept)).toBe(JSON.stringify(fresh));
          for (let i = 0; i < kept.nodes.length; i++) {
            const old = previous.nodes.find((o) => o.id === kept.nodes[i].id);
            if (old && JSON.stringify(old) === JSON.stringify(fresh.nodes[i])) expect(kept.nodes[i]).toBe(old);
          }
          expect(kept.modules === previous.modules).toBe(JSON.stringify(kept.modules) === JSON.stringify(previous.modules));
          previous = kept;
          g = structuredClone(g);
        }
      }),
      { numRuns: 60 },
    );
  });
});
