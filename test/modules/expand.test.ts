/** Module expansion: paths, parameters, repeat, nesting, edge order, and the collapsed view of each use. */
import { describe, expect, it } from 'vitest';
import { parseGraphText } from '../../engine/graph/parse';
import type { Graph } from '../../engine/graph/types';
import { expandModules } from '../../engine/modules/expand';
import { analyzeGraph } from '../../engine/shape/analyze';
import { moduleGraph, tinyResidualGraph } from './fixtures';

function parsed(json: object): Graph {
  const p = parseGraphText(JSON.stringify(json, null, 2));
  expect(p.problems).toEqual([]);
  return p.graph!;
}

describe('expandModules', () => {
  it('copies each use with path ids, substituted parameters and chained repeats', () => {
    const flat = expandModules(parsed(tinyResidualGraph())).graph;
    expect(flat.modules).toBeUndefined();
    expect(flat.nodes.map((n) => n.id)).toEqual([
      'input',
      'b0/conv1', 'b0/relu', 'b0/conv2', 'b0/proj', 'b0/add',
      'bs/0/conv1', 'bs/0/relu', 'bs/0/conv2', 'bs/0/proj', 'bs/0/add',
      'bs/1/conv1', 'bs/1/relu', 'bs/1/conv2', 'bs/1/proj', 'bs/1/add',
      'gap', 'fc',
    ]);
    const byId = new Map(flat.nodes.map((n) => [n.id, n]));
    expect(byId.get('b0/conv1')!.attrs).toEqual({ filters: 4, kernel: 3, stride: 2, padding: 1 });
    expect(byId.get('b0/conv2')!.attrs.filters).toBe(8); // "$filters*2"
    expect(byId.get('bs/1/proj')!.attrs).toEqual({ filters: 16, kernel: 1, stride: 1 }); // stride's default
    const edges = flat.edges.map((e) => `${e.from}>${e.to}`);
    expect(edges).toContain('input>b0/conv1');
    expect(edges).toContain('input>b0/proj');
    expect(edges).toContain('b0/add>bs/0/conv1');
    expect(edges).toContain('bs/0/add>bs/1/proj');
    expect(edges).toContain('bs/1/add>gap');
    expect(edges).toHaveLength(6 * 3 + 2);
  });

  it('keeps the module’s edge order into a node (a concat joins its inputs in edge order)', () => {
    const cat = {
      params: {},
      nodes: [
        { id: 'in', type: 'input' },
        { id: 'a', type: 'conv2d', filters: 2, kernel: 1 },
        { id: 'b', type: 'conv2d', filters: 3, kernel: 1 },
        { id: 'cat', type: 'concat' },
      ],
      edges: [
        { from: 'in', to: 'a' },
        { from: 'in', to: 'b' },
        { from: 'b', to: 'cat' },
        { from: 'in', to: 'cat' },
        { from: 'a', to: 'cat' },
      ],
    };
    const g = parsed(moduleGraph([{ id: 'x', type: 'input', shape: [4, 4, 1] }, { id: 'm', type: 'module:cat' }], [['x', 'm']], { cat }));
    const flat = expandModules(g).graph;
    expect(flat.edges.filter((e) => e.to === 'm/cat').map((e) => e.from)).toEqual(['m/b', 'x', 'm/a']);
  });

  it('expands modules inside modules, with parameters passed down', () => {
    const inner = { params: { k: 1 }, nodes: [{ id: 'in', type: 'input' }, { id: 'c', type: 'conv2d', filters: '$k', kernel: 1 }], edges: [{ from: 'in', to: 'c' }] };
    const outer = {
      params: { width: 2 },
      nodes: [{ id: 'in', type: 'input' }, { id: 'one', type: 'module:inner', k: '$width' }, { id: 'two', type: 'module:inner', k: '$width*3' }],
      edges: [{ from: 'in', to: 'one' }, { from: 'one', to: 'two' }],
    };
    const g = parsed(moduleGraph([{ id: 'x', type: 'input', shape: [4, 4, 1] }, { id: 'o', type: 'module:outer', width: 5 }], [['x', 'o']], { inner, outer }));
    const a = analyzeGraph(g);
    expect(a.diagnostics).toEqual([]);
    expect(a.order).toEqual(['x', 'o/one/c', 'o/two/c']);
    expect(a.byId.get('o/two/c')!.outputShape).toEqual([4, 4, 15]);
    expect(a.byId.get('o')!.params).toBe((1 + 1) * 5 + (5 + 1) * 15);
    expect(a.byId.get('o/one')!.outputShape).toEqual([4, 4, 5]);
    expect(a.expansion!.origins.get('o/two/c')).toEqual({ module: 'inner', node: 'c', topUse: 'o' });
  });

  it('returns a graph without modules as the same object', () => {
    const g = parsed({ format: 'wiregrad.graph', version: 1, name: 'x', nodes: [{ id: 'x', type: 'input', shape: [2] }], edges: [] });
    expect(expandModules(g).graph).toBe(g);
    expect(analyzeGraph(g).expansion).toBeUndefined();
  });
});

describe('analysis of a graph with modules', () => {
  const a = analyzeGraph(parsed(tinyResidualGraph()));

  it('computes every flat node, named by its path', () => {
    expect(a.diagnostics).toEqual([]);
    // b0: conv 3×3/2 3→4: (27+1)·4 = 112; conv 1×1 4→8: 40; proj 1×1/2 3→8: 32.
    expect(a.byId.get('b0/conv1')!.params).toBe(112);
    expect(a.byId.get('b0/proj')!.params).toBe(32);
    expect(a.byId.get('b0/add')!.outputShape).toEqual([4, 4, 8]);
    expect(a.byId.get('bs/1/conv1')!.inputShapes).toEqual([[4, 4, 16]]);
  });

  it('shows each use collapsed: the output shape, params and MACs in total', () => {
    const b0 = a.byId.get('b0')!;
    expect(b0.type).toBe('module:block');
    expect(b0.outputShape).toEqual([4, 4, 8]);
    expect(b0.params).toBe(112 + 40 + 32);
    // MACs: 4·4 positions × (4·27 + 8·4 + 8·3).
    expect(b0.macs).toBe(16 * (4 * 27 + 8 * 4 + 8 * 3));
    const bs = a.byId.get('bs')!;
    // copy 0: conv (72+1)·8 = 584, conv2 (8+1)·16 = 144, proj (8+1)·16 = 144; copy 1 reads 16 channels: 1160 + 144 + 272.
    expect(bs.params).toBe(584 + 144 + 144 + 1160 + 144 + 272);
    expect(a.byId.get('bs/0')!.params).toBe(584 + 144 + 144);
    expect(a.totals.trainableParams).toBe(b0.params + bs.params + 170);
    expect(a.totals.totalMacs).toBe(a.nodes.reduce((s, n) => s + n.macs, 0));
  });
});
