/**
 * Incremental analysis of graphs that use modules: after every edit of a random series (a use's parameters, a
 * top-level attribute, a module definition's attribute, edges removed and added, nodes deleted, uses grouped), the
 * analysis computed from the previous one equals a fresh analysis of the same graph: every node of the expansion,
 * the collapsed uses, the diagnostics and the totals. And an edit reuses what it did not change.
 */
import fc from 'fast-check';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyIntent } from '../../engine/document/intents';
import type { Intent } from '../../engine/document/intent';
import { parseGraphText } from '../../engine/graph/parse';
import type { Graph } from '../../engine/graph/types';
import { analyzeGraph } from '../../engine/shape/analyze';
import type { GraphAnalysis } from '../../engine/shape/types';

const read = (file: string): Graph => parseGraphText(fs.readFileSync(file, 'utf8')).graph!;

/** What an analysis says (the expansion is compared through the nodes, ids and diagnostics it produced). */
const said = (a: GraphAnalysis) => ({ nodes: a.nodes, byId: [...a.byId], diagnostics: a.diagnostics, totals: a.totals, order: a.order, inputId: a.inputId, outputIds: a.outputIds, hasErrors: a.hasErrors, flat: a.expansion?.graph });

/** A random edit of `g`, picked by `n`: most keep the structure, some change it. */
function editOf(g: Graph, n: number, value: number): Intent {
  const uses = g.nodes.filter((x) => x.type.startsWith('module:'));
  const plain = g.nodes.filter((x) => !x.type.startsWith('module:') && x.type !== 'input');
  const modules = Object.entries(g.modules ?? {});
  switch (n % 7) {
    case 0:
      return { kind: 'set-attribute', node: uses[value % uses.length].id, attribute: 'filters', value: 8 * (1 + (value % 9)) };
    case 1: {
      const [name, def] = modules[value % modules.length];
      const node = def.nodes.filter((x) => x.type === 'conv2d')[value % def.nodes.filter((x) => x.type === 'conv2d').length];
      return { kind: 'set-module-attribute', module: name, node: node.id, attribute: 'kernel', value: 1 + 2 * (value % 3) };
    }
    case 2:
      return { kind: 'set-attribute', node: plain[value % plain.length].id, attribute: value % 2 ? 'units' : 'filters', value: 1 + (value % 50) };
    case 3: {
      const e = g.edges[value % g.edges.length];
      return { kind: 'disconnect', from: e.from, to: e.to };
    }
    case 4: {
      const a = g.nodes[value % g.nodes.length];
      const b = g.nodes[(value * 7 + 3) % g.nodes.length];
      return { kind: 'connect', from: a.id, to: b.id };
    }
    case 5:
      return { kind: 'set-attribute', node: uses[value % uses.length].id, attribute: 'stride', value: 1 + (value % 2) };
    default:
      return { kind: 'delete', nodes: [g.nodes[1 + (value % (g.nodes.length - 1))].id], edges: [] };
  }
}

describe('incremental analysis of graphs with modules', () => {
  for (const file of ['examples/resnet18-modules.nn.json', 'examples/resnet50.nn.json']) {
    it(`${file}: equals a fresh analysis after each edit of a random series`, () => {
      const start = read(file);
      fc.assert(
        fc.property(fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 8 }), (steps) => {
          let g = start;
          let a = analyzeGraph(g);
          for (const [n, value] of steps) {
            const r = applyIntent(g, editOf(g, n, value));
            if (!r.ok) continue;
            g = r.graph;
            a = analyzeGraph(g, a);
            expect(said(a)).toEqual(said(analyzeGraph(g)));
          }
        }),
        { numRuns: 40 },
      );
    });
  }

  it('an edit of the last layer re-infers only it and what it feeds; the uses keep their results', () => {
    const g = read('examples/resnet50.nn.json');
    const before = analyzeGraph(g);
    const r = applyIntent(g, { kind: 'set-attribute', node: 'fc', attribute: 'units', value: 10 });
    if (!r.ok) throw new Error(r.error);
    const after = analyzeGraph(r.graph, before);
    const renewed = after.nodes.filter((n) => before.byId.get(n.id) !== n).map((n) => n.id);
    expect(renewed).toEqual(['fc', 'softmax']);
    expect(after.byId.get('fc')!.params).toBe(2048 * 10 + 10);
  });
});
