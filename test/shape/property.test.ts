/**
 * Property tests: whatever graph and attribute values a user (or a fuzzer) writes, inference never throws, every
 * error names a node of the graph (or the graph itself), and the totals are the sums of the nodes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BLOCKS, BLOCK_TYPES } from '../../engine/blocks/specs';
import type { Graph, JsonValue } from '../../engine/graph/types';
import { analyzeGraph } from '../../engine/shape/analyze';
import { summarize } from '../../engine/shape/summary';

const GRAPH_LEVEL = new Set(['cycle', 'no-input', 'unknown-edge-node']);

/** Attribute values: mostly plausible, sometimes absurd or of the wrong type. */
const attrValue: fc.Arbitrary<JsonValue> = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 8 }) },
  { weight: 2, arbitrary: fc.tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 })).map((t) => [...t]) },
  { weight: 1, arbitrary: fc.constantFrom<JsonValue>('same', 'valid', true, false, null, -1, 0.5, 1e300, 65_537, 'x', [], [1, 2, 3]) },
  { weight: 1, arbitrary: fc.double({ noNaN: false }) as fc.Arbitrary<JsonValue> },
);

/** Every attribute some block declares (from the registry, so a new block's attributes are fuzzed too), and one none does. */
const ATTR_NAMES = [...new Set(BLOCKS.flatMap((b) => Object.keys(b.attributes))), 'bogus'];

const graphArb: fc.Arbitrary<Graph> = fc
  .record({
    inputShape: fc.oneof(
      fc.tuple(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 8 })).map((t) => [...t]),
      fc.tuple(fc.integer({ min: 1, max: 300 })).map((t) => [...t]),
    ),
    nodes: fc.array(
      fc.record({
        type: fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...BLOCK_TYPES) }, { weight: 1, arbitrary: fc.string() }),
        attrs: fc.dictionary(fc.constantFrom(...ATTR_NAMES), attrValue, { maxKeys: 4 }),
      }),
      { maxLength: 12 },
    ),
    extraEdges: fc.array(fc.tuple(fc.nat(14), fc.nat(14)), { maxLength: 6 }),
    chainSkips: fc.array(fc.boolean(), { maxLength: 12 }),
  })
  .map(({ inputShape, nodes, extraEdges, chainSkips }) => {
    const ids = ['in', ...nodes.map((_, i) => `n${i}`)];
    const edges = nodes.flatMap((_, i) => (chainSkips[i] ? [] : [{ from: ids[i], to: ids[i + 1] }]));
    for (const [a, b] of extraEdges) edges.push({ from: ids[a % ids.length] ?? 'ghost', to: ids[b % ids.length] ?? 'ghost' });
    return {
      name: 'random',
      nodes: [{ id: 'in', type: 'input', attrs: { shape: inputShape } }, ...nodes.map((n, i) => ({ id: ids[i + 1], type: n.type, attrs: n.attrs }))],
      edges,
      layout: {},
    };
  });

describe('shape inference on random graphs', () => {
  it('never throws; every error names a node of the graph or the graph itself; totals are sums', () => {
    fc.assert(
      fc.property(graphArb, (g) => {
        const a = analyzeGraph(g);
        const ids = new Set(g.nodes.map((n) => n.id));
        for (const d of a.diagnostics) {
          if (d.node === null) expect(GRAPH_LEVEL.has(d.code), d.code).toBe(true);
          else expect(ids.has(d.node), d.node).toBe(true);
          expect(d.message.length).toBeGreaterThan(0);
        }
        const s = summarize(g.name, a);
        const sum = (f: (n: (typeof s.nodes)[number]) => number) => s.nodes.reduce((t, n) => t + f(n), 0);
        expect(s.trainableParams).toBe(sum((n) => n.params));
        expect(s.nonTrainableParams).toBe(sum((n) => n.nonTrainableParams));
        expect(s.totalParams).toBe(s.trainableParams + s.nonTrainableParams);
        expect(s.totalMacs).toBe(sum((n) => n.macs));
        for (const n of a.nodes) {
          if (n.outputShape) expect(n.outputShape.every((d) => Number.isInteger(d) && d >= 1)).toBe(true);
          expect(Number.isSafeInteger(n.params + n.macs)).toBe(true);
          expect(n.receptiveField === null || n.outputShape?.length === 3).toBe(true);
        }
        expect(a.hasErrors).toBe(a.diagnostics.some((d) => d.severity === 'error'));
      }),
      { numRuns: 600 },
    );
  });

  it('incremental re-analysis after a random attribute change equals a fresh analysis', () => {
    fc.assert(
      fc.property(graphArb, fc.nat(), fc.constantFrom(...ATTR_NAMES), attrValue, (g, pick, name, value) => {
        const before = analyzeGraph(g);
        const i = pick % g.nodes.length;
        const changed: Graph = { ...g, nodes: g.nodes.map((n, j) => (j === i ? { ...n, attrs: { ...n.attrs, [name]: value } } : n)) };
        expect(analyzeGraph(changed, before)).toEqual(analyzeGraph(changed));
      }),
      { numRuns: 300 },
    );
  });
});
