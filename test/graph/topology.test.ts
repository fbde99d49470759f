/** The graph's structure: order, cycles, reachability — including graphs far bigger than anyone draws by hand. */
import { describe, expect, it } from 'vitest';
import { topology } from '../../engine/graph/topology';
import type { Graph } from '../../engine/graph/types';

function chain(n: number, extraEdges: { from: string; to: string }[] = []): Graph {
  const ids = Array.from({ length: n }, (_, i) => `r${i}`);
  return {
    name: 'chain',
    nodes: [{ id: 'input', type: 'input', attrs: { shape: [8] } }, ...ids.map((id) => ({ id, type: 'relu', attrs: {} }))],
    edges: [{ from: 'input', to: 'r0' }, ...ids.slice(1).map((id, i) => ({ from: ids[i], to: id })), ...extraEdges],
    layout: {},
  };
}

const known = (g: Graph) => new Set(g.nodes.map((n) => n.id));

describe('topology', () => {
  it('finds a 10,000-node cycle without overflowing the stack', () => {
    const g = chain(10_000, [{ from: 'r9999', to: 'r0' }]);
    const t = topology(g, known(g));
    expect(t.order).toEqual(['input']);
    expect(t.cycles).toHaveLength(1);
    expect(t.cycles[0]).toHaveLength(10_000);
    expect(t.cycles[0][0]).toBe('r0');
    expect(t.cycles[0][9_999]).toBe('r9999');
  });

  it('reports just the nodes on the cycle, not those before or after it', () => {
    // input → r0 → … → r7 with r6 → r4 closing r4 → r5 → r6; r7 follows the cycle.
    const g = chain(8, [{ from: 'r6', to: 'r4' }]);
    const t = topology(g, known(g));
    expect(t.order).toEqual(['input', 'r0', 'r1', 'r2', 'r3']);
    expect(t.cycles).toEqual([['r4', 'r5', 'r6']]);
  });
});
