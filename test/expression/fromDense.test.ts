/** "Expand into gates": a dense node's weights as dot and add gates compute what the layer computes. */
import { describe, expect, it } from 'vitest';
import { evaluateExpression } from '../../engine/expression/evaluate';
import { denseAsGates, expandProblem } from '../../engine/expression/fromDense';
import { parseGraphText } from '../../engine/graph/parse';
import { serializeGraph } from '../../engine/graph/serialize';

describe('denseAsGates', () => {
  // 3 inputs → 2 units, weights [n_in, n_out] row-major.
  const W = [0.5, -1, 2, 0.25, -0.75, 1.5];
  const b = [0.1, -0.2];
  const g = denseAsGates({ node: 'fc', inputs: 3, units: 2, weight: Float32Array.from(W), bias: Float32Array.from(b), source: 'initial weights' }, 'net');

  it('is a canonical expression graph without problems: a row of dots and adds, f = y1 + y2', () => {
    const text = serializeGraph(g);
    expect(serializeGraph(parseGraphText(text).graph!)).toBe(text);
    const r = evaluateExpression(g);
    expect(r.diagnostics).toEqual([]);
    expect(g.nodes.map((n) => n.type)).toEqual(['var', 'var', 'dot', 'var', 'add', 'var', 'dot', 'var', 'add', 'add']);
    expect(text).toContain('{ "id": "w1", "type": "var", "value": [0.5, 2, -0.75] }');
  });

  it('computes Wᵀx + b with x = ones, and backprop gives ∂f/∂wⱼ = x, ∂f/∂bⱼ = 1, ∂f/∂x = W·1', () => {
    const r = evaluateExpression(g);
    const v = (id: string) => Array.from(r.byId.get(id)!.value!.data);
    const d = (id: string) => Array.from(r.byId.get(id)!.grad!.data);
    expect(v('y1')[0]).toBeCloseTo(0.5 + 2 - 0.75 + 0.1, 6);
    expect(v('y2')[0]).toBeCloseTo(-1 + 0.25 + 1.5 - 0.2, 6);
    expect(d('w1')).toEqual([1, 1, 1]);
    expect(d('b2')).toEqual([1]);
    d('x').forEach((g, i) => expect(g).toBeCloseTo(W[i * 2] + W[i * 2 + 1], 6));
  });

  it('expands dense nodes up to 4 × 4 only, saying why not otherwise', () => {
    expect(expandProblem('dense', 4, 4)).toBeNull();
    expect(expandProblem('dense', 784, 10)).toBe('Expand into gates draws every weight as a wire: up to 4 inputs × 4 units, and this node has 784 × 10.');
    expect(expandProblem('conv2d', 4, 4)).toContain('Only a dense node');
  });
});

describe('expandDenseNode', () => {
  it('expands a 3 → 2 dense node of a network with its initial weights, refuses a big one', async () => {
    const { expandDenseNode } = await import('../../engine/expression/expandDense');
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wiregrad-expand-')), 'tiny.nn.json');
    const net = parseGraphText(
      JSON.stringify({
        format: 'wiregrad.graph', version: 1, name: 'tiny',
        nodes: [{ id: 'in', type: 'input', shape: [3] }, { id: 'fc', type: 'dense', units: 2 }, { id: 'big', type: 'dense', units: 10 }],
        edges: [{ from: 'in', to: 'fc' }, { from: 'fc', to: 'big' }],
      }),
    ).graph!;
    const r = expandDenseNode(file, net, 'fc');
    if ('error' in r) throw new Error(r.error);
    expect(r.graph.kind).toBe('expression');
    expect(r.graph.description).toContain('initial weights');
    const result = evaluateExpression(r.graph);
    expect(result.diagnostics).toEqual([]);
    expect(result.byId.get('w1')!.value!.shape).toEqual([3]);
    expect(expandDenseNode(file, net, 'big')).toEqual({ error: 'Expand into gates draws every weight as a wire: up to 4 inputs × 4 units, and this node has 2 × 10.' });
  });
});
