/**
 * Property: on random expression graphs — random gates, shapes (scalars with vectors or matrices, broadcast, matvec,
 * dot), fan-out from reused nodes — every variable's gradient from backward equals a centred difference of f.
 * Graphs whose values come near a kink or pole (relu at 0, max/min ties, log/sqrt/1/x near 0) or overflow are
 * skipped, since a difference quotient there measures the wrong slope.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluatePrepared } from '../../engine/expression/evaluate';
import { checkNumerically } from '../../engine/expression/numeric';
import { prepareExpression } from '../../engine/expression/structure';
import type { Graph, GraphEdge, GraphNode, JsonValue } from '../../engine/graph/types';
import { sizeOf, type Shape, type Tensor } from '../../engine/expression/tensor';

const UNARY = ['neg', 'inv', 'exp', 'log', 'square', 'sqrt', 'sigmoid', 'tanh', 'relu'];
const BINARY = ['add', 'sub', 'mul', 'div', 'max', 'min'];

interface Plan {
  readonly base: Shape;
  readonly leaves: readonly { scalar: boolean; values: number[] }[];
  readonly steps: readonly { kind: number; picks: number[]; matrix: number[] }[];
  readonly finish: 'sum' | 'l2sq';
}

const valuesFor = (n: number) => fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: n, maxLength: n });

const plan: fc.Arbitrary<Plan> = fc
  .constantFrom<Shape>([], [2], [3], [2, 2])
  .chain((base) =>
    fc.record({
      base: fc.constant(base),
      leaves: fc.array(fc.boolean().chain((scalar) => valuesFor(scalar ? 1 : sizeOf(base)).map((values) => ({ scalar, values }))), { minLength: 2, maxLength: 4 }),
      steps: fc.array(
        fc.record({
          kind: fc.nat(UNARY.length + BINARY.length + 4),
          picks: fc.array(fc.nat(1000), { minLength: 3, maxLength: 3 }),
          matrix: valuesFor(9),
        }),
        { minLength: 1, maxLength: 8 },
      ),
      finish: fc.constantFrom<'sum' | 'l2sq'>('sum', 'l2sq'),
    }),
  );

/** Turns a plan into a graph: every gate draws its inputs from the nodes made before it (reuse = fan-out). */
function build(p: Plan): Graph {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const shapes: Shape[] = [];
  const add = (type: string, shape: Shape, inputs: readonly number[], value?: JsonValue) => {
    const id = `n${nodes.length}`;
    nodes.push({ id, type, attrs: value === undefined ? {} : { value } });
    for (const i of inputs) edges.push({ from: nodes[i].id, to: id });
    shapes.push(shape);
    return nodes.length - 1;
  };
  const asValue = (shape: Shape, v: readonly number[]): JsonValue =>
    shape.length === 0 ? v[0] : shape.length === 1 ? [...v.slice(0, shape[0])] : [v.slice(0, shape[1]), v.slice(shape[1], 2 * shape[1])];
  for (const leaf of p.leaves) {
    const shape: Shape = leaf.scalar ? [] : p.base;
    add('var', shape, [], asValue(shape, leaf.values));
  }
  for (const s of p.steps) {
    const pick = (k: number) => s.picks[k] % nodes.length;
    if (s.kind < UNARY.length) add(UNARY[s.kind], shapes[pick(0)], [pick(0)]);
    else if (s.kind < UNARY.length + BINARY.length) {
      const [a, b] = [pick(0), pick(1)];
      add(BINARY[s.kind - UNARY.length], shapes[a].length ? shapes[a] : shapes[b], [a, b]);
    } else if (s.kind === UNARY.length + BINARY.length) {
      const ins = [pick(0), pick(1), pick(2)];
      add('add', ins.map((i) => shapes[i]).find((sh) => sh.length) ?? [], ins);
    } else if (s.kind === UNARY.length + BINARY.length + 1) add('sum', [], [pick(0)]);
    else if (p.base.length === 1) {
      const vectors = shapes.flatMap((sh, i) => (sh.length === 1 ? [i] : []));
      if (vectors.length === 0) continue;
      const [a, b] = [vectors[s.picks[0] % vectors.length], vectors[s.picks[1] % vectors.length]];
      if (s.kind === UNARY.length + BINARY.length + 2) add('dot', [], [a, b]);
      else {
        const n = p.base[0];
        const w = add('var', [n, n], [], Array.from({ length: n }, (_, r) => s.matrix.slice(r * n, r * n + n)));
        add('matvec', [n], [w, a]);
      }
    }
  }
  const last = nodes.length - 1;
  const out = shapes[last].length ? add(p.finish, [], [last]) : last;
  return { kind: 'expression', name: 'random', nodes, edges, layout: {}, output: nodes[out].id };
}

/** How far the graph's values stay from every kink and pole (and from overflow). */
function safe(graph: Graph, values: ReadonlyMap<string, Tensor | null>): boolean {
  const inputs = (id: string) => graph.edges.filter((e) => e.to === id).map((e) => values.get(e.from)!);
  const all = (t: Tensor, ok: (v: number) => boolean) => t.data.every(ok);
  for (const n of graph.nodes) {
    const v = values.get(n.id);
    if (!v || !all(v, (x) => Math.abs(x) < 1e4)) return false;
    const ins = inputs(n.id);
    if (['log', 'sqrt'].includes(n.type) && !all(ins[0], (x) => x > 0.1)) return false;
    if (n.type === 'inv' && !all(ins[0], (x) => Math.abs(x) > 0.1)) return false;
    if (n.type === 'div' && !all(ins[1], (x) => Math.abs(x) > 0.1)) return false;
    if (n.type === 'relu' && !all(ins[0], (x) => Math.abs(x) > 1e-3)) return false;
    if (['max', 'min'].includes(n.type)) {
      const [a, b] = ins;
      const at = (t: Tensor, i: number) => (t.data.length === 1 ? t.data[0] : t.data[i]);
      for (let i = 0; i < v.data.length; i++) if (Math.abs(at(a, i) - at(b, i)) < 1e-3) return false;
    }
  }
  return true;
}

describe('random expression graphs', () => {
  it('backward equals a centred difference of f for every element of every variable', () => {
    let checked = 0;
    fc.assert(
      fc.property(plan, (p) => {
        const graph = build(p);
        const prepared = prepareExpression(graph);
        const result = evaluatePrepared(prepared);
        const domainTrouble = result.diagnostics.some((d) => ['log-domain', 'sqrt-domain', 'division-by-zero', 'not-finite'].includes(d.code));
        fc.pre(!domainTrouble && safe(graph, new Map(result.nodes.map((n) => [n.id, n.value]))));
        expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        for (const leaf of checkNumerically(prepared, result)) {
          for (const [i, e] of leaf.elements.entries()) {
            expect(Math.abs(e.analytic - e.numeric), `${leaf.id}[${i}]: analytic ${e.analytic}, numeric ${e.numeric}`).toBeLessThanOrEqual(
              1e-6 * Math.max(1, Math.abs(e.analytic), Math.abs(e.numeric)),
            );
          }
          // The gradient of a variable has the variable's shape.
          expect(result.byId.get(leaf.id)!.grad!.shape).toEqual(prepared.nodes.get(leaf.id)!.leafValue!.shape);
        }
        checked++;
      }),
      { numRuns: 200, seed: 20261201 },
    );
    expect(checked).toBeGreaterThan(60);
  });
});
