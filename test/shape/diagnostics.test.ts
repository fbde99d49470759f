/** Every kind of problem is a diagnostic naming its node (or the graph), with fixes where one exists. */
import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '../../engine/shape/analyze';
import { chainOfSpecs, graphFromNodes, lastNodeAnalysis } from '../helpers/graphs';

const x = { id: 'x', type: 'input', shape: [8, 8, 3] };

function codes(a: ReturnType<typeof analyzeGraph>) {
  return a.diagnostics.map((d) => `${d.severity}:${d.code}:${d.node ?? '(graph)'}`);
}

describe('graph-level diagnostics', () => {
  it('a cycle names the graph and the nodes on it, with a fix removing the closing edge', () => {
    const a = analyzeGraph(
      graphFromNodes(
        [x, { id: 'a', type: 'relu' }, { id: 'b', type: 'add' }, { id: 'c', type: 'relu' }],
        [['x', 'a'], ['a', 'b'], ['b', 'c'], ['c', 'b']],
      ),
    );
    const cycle = a.diagnostics.find((d) => d.code === 'cycle')!;
    expect(cycle.node).toBeNull();
    expect(cycle.message).toContain('b → c → b');
    expect(cycle.fixes[0].edits).toEqual([{ kind: 'remove-edge', from: 'c', to: 'b' }]);
    expect(a.byId.get('b')!.outputShape).toBeNull();
    expect(a.byId.get('a')!.outputShape).toEqual([8, 8, 3]);
  });

  it('a self-loop is a cycle', () => {
    const a = analyzeGraph(graphFromNodes([x, { id: 'a', type: 'add' }], [['x', 'a'], ['a', 'a']]));
    expect(a.diagnostics.some((d) => d.code === 'cycle' && d.message.includes('a → a'))).toBe(true);
  });

  it('no input, and more than one input', () => {
    expect(codes(analyzeGraph(graphFromNodes([{ id: 'a', type: 'relu' }], [])))).toContain('error:no-input:(graph)');
    const two = analyzeGraph(graphFromNodes([x, { ...x, id: 'y' }, { id: 'add', type: 'add' }], [['x', 'add'], ['y', 'add']]));
    expect(codes(two)).toContain('error:multiple-inputs:y');
  });

  it('wrong numbers of inputs', () => {
    const a = analyzeGraph(
      graphFromNodes(
        [x, { ...x, id: 'x2' }, { id: 'r', type: 'relu' }, { id: 'lone', type: 'relu' }, { id: 'sum', type: 'add' }],
        [['x', 'r'], ['x', 'sum'], ['r', 'x2']],
      ),
    );
    const c = codes(a);
    expect(c).toContain('error:wrong-input-count:lone');
    expect(c).toContain('error:wrong-input-count:sum');
    expect(c).toContain('error:wrong-input-count:x2');
    const two = analyzeGraph(graphFromNodes([x, { id: 'r1', type: 'relu' }, { id: 'r2', type: 'relu' }], [['x', 'r1'], ['x', 'r2'], ['r1', 'r2']]));
    const d = two.diagnostics.find((d) => d.node === 'r2')!;
    expect(d.message).toContain("relu takes 1 input, but 2 are connected ('x', 'r1')");
    expect(d.fixes[0].edits).toEqual([{ kind: 'remove-edge', from: 'r1', to: 'r2' }]);
  });

  it('unreachable nodes are warnings', () => {
    const a = analyzeGraph(graphFromNodes([x, { id: 'r', type: 'relu' }, { ...x, id: 'x2' }, { id: 'q', type: 'relu' }], [['x', 'r'], ['x2', 'q']]));
    expect(codes(a)).toContain('warning:unreachable:q');
  });

  it('duplicate ids, unknown edge ends and duplicate edges', () => {
    const a = analyzeGraph(
      graphFromNodes([x, { id: 'r', type: 'relu' }, { id: 'r', type: 'tanh' }], [['x', 'r'], ['x', 'r'], ['x', 'ghost']]),
    );
    const c = codes(a);
    expect(c).toContain('error:duplicate-id:r');
    expect(c).toContain('error:duplicate-edge:r');
    expect(c).toContain('error:unknown-edge-node:x');
    expect(a.diagnostics.find((d) => d.code === 'unknown-edge-node')!.message).toContain("'ghost'");
  });
});

describe('node-level diagnostics', () => {
  it('unknown type, with a did-you-mean fix', () => {
    const n = lastNodeAnalysis(x, { id: 'c', type: 'conv', filters: 4, kernel: 3 });
    expect(n.diagnostics[0].code).toBe('unknown-type');
    expect(n.diagnostics[0].message).toContain("Did you mean 'conv2d'?");
    expect(n.diagnostics[0].fixes[0].edits).toEqual([{ kind: 'set-type', node: 'c', type: 'conv2d' }]);
  });

  it('unknown attribute: error, shape still computed, rename fix', () => {
    const n = lastNodeAnalysis(x, { id: 'c', type: 'conv2d', filters: 4, kernel: 3, strides: 2 });
    expect(n.diagnostics[0].code).toBe('unknown-attribute');
    expect(n.diagnostics[0].fixes[0].title).toBe("rename 'strides' to 'stride'");
    expect(n.outputShape).toEqual([6, 6, 4]);
  });

  it('missing attribute: error with a fix that sets a sensible value', () => {
    const n = lastNodeAnalysis(x, { id: 'c', type: 'conv2d', kernel: 3 });
    expect(n.outputShape).toBeNull();
    expect(n.diagnostics[0].code).toBe('missing-attribute');
    expect(n.diagnostics[0].attribute).toBe('filters');
    expect(n.diagnostics[0].fixes[0].edits[0]).toEqual({ kind: 'set-attribute', node: 'c', attribute: 'filters', value: 16 });
  });

  it.each([
    ['zero', 0, 1],
    ['negative', -3, 1],
    ['non-integer', 2.5, 3],
    ['absurd', 1e12, 65536],
    ['a string', '8', 16],
  ])('filters %s is an error and nothing is computed from it', (_, value, suggestion) => {
    const n = lastNodeAnalysis(x, { id: 'c', type: 'conv2d', filters: value, kernel: 3 });
    expect(n.outputShape).toBeNull();
    expect(n.params).toBe(0);
    expect(n.diagnostics[0].code).toBe('invalid-attribute');
    expect(n.diagnostics[0].message).toContain('must be a whole number from 1 to 65,536');
    expect(n.diagnostics[0].fixes[0].edits[0]).toMatchObject({ value: suggestion });
  });

  it('absurd input dimensions are refused', () => {
    const a = analyzeGraph(chainOfSpecs({ id: 'x', type: 'input', shape: [100000, 10, 3] }, { id: 'r', type: 'relu' }));
    expect(a.byId.get('x')!.diagnostics[0].code).toBe('invalid-attribute');
    expect(a.byId.get('r')!.outputShape).toBeNull();
    expect(a.totals.totalParams).toBe(0);
  });

  it('out-of-range reals: dropout rate 1, batchnorm epsilon 0', () => {
    expect(lastNodeAnalysis(x, { id: 'd', type: 'dropout', rate: 1 }).diagnostics[0].message).toContain('[0, 1)');
    expect(lastNodeAnalysis(x, { id: 'b', type: 'batchnorm', epsilon: 0 }).diagnostics[0].message).toContain('(0, 1]');
  });

  it('conv on a vector is an error that explains itself', () => {
    const n = lastNodeAnalysis({ id: 'v', type: 'input', shape: [10] }, { id: 'c', type: 'conv2d', filters: 4, kernel: 3 });
    expect(n.diagnostics[0].code).toBe('wrong-input-rank');
    expect(n.diagnostics[0].message).toContain('gives a vector of 10');
  });

  it('add with different shapes: error with a 1×1 projection fix (ResNet shortcut)', () => {
    const a = analyzeGraph(
      graphFromNodes(
        [x, { id: 'c', type: 'conv2d', filters: 16, kernel: 3, stride: 2, padding: 1 }, { id: 'p', type: 'conv2d', filters: 16, kernel: 1, stride: 2 }, { id: 'sum', type: 'add' }],
        [['x', 'c'], ['x', 'sum'], ['c', 'sum']],
      ),
    );
    const d = a.byId.get('sum')!.diagnostics[0];
    expect(d.code).toBe('shape-mismatch');
    expect(d.message).toBe("add needs inputs of one shape, but got 'x' 8×8×3, 'c' 4×4×16.");
    expect(d.fixes).toEqual([]); // 'c' is smaller than 'x': no projection reaches it from the first input's side
    const b = analyzeGraph(
      graphFromNodes(
        [x, { id: 'c', type: 'conv2d', filters: 16, kernel: 3, stride: 2, padding: 1 }, { id: 'sum', type: 'add' }],
        [['x', 'c'], ['c', 'sum'], ['x', 'sum']],
      ),
    );
    const fix = b.byId.get('sum')!.diagnostics[0].fixes[0];
    expect(fix.title).toBe("insert a 1×1 conv (16 filters, stride 2) after 'x' → 4×4×16");
    expect(fix.edits[0]).toMatchObject({ kind: 'insert-node', from: 'x', to: 'sum', type: 'conv2d', attrs: { filters: 16, kernel: 1, stride: 2 } });
  });

  it('concat with different H×W is an error; equal H×W sums channels in edge order', () => {
    const bad = analyzeGraph(
      graphFromNodes([x, { id: 'p', type: 'maxpool2d', kernel: 2 }, { id: 'cat', type: 'concat' }], [['x', 'cat'], ['x', 'p'], ['p', 'cat']]),
    );
    expect(bad.byId.get('cat')!.diagnostics[0].code).toBe('concat-mismatch');
    const good = analyzeGraph(
      graphFromNodes([x, { id: 'c', type: 'conv2d', filters: 5, kernel: 1 }, { id: 'cat', type: 'concat' }], [['x', 'c'], ['c', 'cat'], ['x', 'cat']]),
    );
    expect(good.byId.get('cat')!.outputShape).toEqual([8, 8, 8]);
    expect(good.byId.get('cat')!.explanations[0].substituted).toBe('5 + 3 = 8');
  });

  it('pool padding above half the kernel is refused (a window could be all padding)', () => {
    const n = lastNodeAnalysis(x, { id: 'p', type: 'maxpool2d', kernel: 2, padding: 2 });
    expect(n.diagnostics[0].code).toBe('invalid-attribute');
    expect(n.diagnostics[0].fixes[0].edits[0]).toMatchObject({ attribute: 'padding', value: 1 });
  });
});

describe('incremental analysis', () => {
  it('reuses results upstream of a change and recomputes downstream', () => {
    const g1 = chainOfSpecs(x, { id: 'a', type: 'conv2d', filters: 4, kernel: 3 }, { id: 'b', type: 'relu' }, { id: 'c', type: 'dense', units: 5 });
    const a1 = analyzeGraph(g1);
    const g2 = { ...g1, nodes: g1.nodes.map((n) => (n.id === 'b' ? n : n.id === 'c' ? { ...n, attrs: { units: 7 } } : n)) };
    const a2 = analyzeGraph(g2, a1);
    expect(a2.byId.get('a')).toBe(a1.byId.get('a'));
    expect(a2.byId.get('b')).toBe(a1.byId.get('b'));
    expect(a2.byId.get('c')!.outputShape).toEqual([7]);
    const g3 = { ...g1, nodes: g1.nodes.map((n) => (n.id === 'a' ? { ...n, attrs: { filters: 2, kernel: 3 } } : n)) };
    const a3 = analyzeGraph(g3, a2);
    expect(a3.byId.get('b')!.outputShape).toEqual([6, 6, 2]);
    expect(a3.byId.get('c')!.params).toBe(6 * 6 * 2 * 5 + 5);
    expect(a3).toEqual(analyzeGraph(g3));
  });
});

describe('a cycle through thousands of nodes', () => {
  it('names both ends of it and how many nodes lie between, in a message of readable length', () => {
    const ids = Array.from({ length: 5_000 }, (_, i) => `r${i}`);
    const a = analyzeGraph({
      name: 'long cycle',
      nodes: [{ id: 'input', type: 'input', attrs: { shape: [8] } }, ...ids.map((id) => ({ id, type: 'relu', attrs: {} }))],
      edges: [{ from: 'input', to: 'r0' }, ...ids.slice(1).map((id, i) => ({ from: ids[i], to: id })), { from: 'r4999', to: 'r0' }],
      layout: {},
    });
    const cycle = a.diagnostics.find((d) => d.code === 'cycle')!;
    // 5,001 names around the loop (r0 repeated): 6 shown at each end, 4,989 elided.
    expect(cycle.message).toBe(
      'The graph has a cycle: r0 → r1 → r2 → r3 → r4 → r5 → … (4989 more) → r4995 → r4996 → r4997 → r4998 → r4999 → r0. A network must be acyclic; remove one of these edges.',
    );
    expect(cycle.fixes[0].edits).toEqual([{ kind: 'remove-edge', from: 'r4999', to: 'r0' }]);
  });
});

describe('attribute names that are also Object.prototype members', () => {
  it('"constructor" and "__proto__" are unknown attributes, and do not supply a missing one', () => {
    const a = analyzeGraph({
      name: 'proto',
      nodes: [
        { id: 'in', type: 'input', attrs: { shape: [4] } },
        { id: 'd', type: 'dense', attrs: JSON.parse('{ "__proto__": { "units": 5 }, "constructor": 5 }') },
      ],
      edges: [{ from: 'in', to: 'd' }],
      layout: {},
    });
    const codes = a.diagnostics.filter((d) => d.node === 'd').map((d) => `${d.code} ${d.attribute ?? ''}`.trim());
    expect(codes.sort()).toEqual(['missing-attribute units', 'unknown-attribute __proto__', 'unknown-attribute constructor']);
    expect(a.byId.get('d')!.outputShape).toBeNull();
  });
});
