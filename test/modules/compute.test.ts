/** Training, the gradient check and the exports run on the expanded graph: parameter tensors are named by path. */
import { describe, expect, it } from 'vitest';
import { gradientCheck } from '../../engine/check/gradcheck';
import { parseGraphText } from '../../engine/graph/parse';
import { buildModel } from '../../engine/model/model';
import { analyzeGraph } from '../../engine/shape/analyze';
import { tinyResidualGraph } from './fixtures';

describe('a graph with modules computes expanded', () => {
  const graph = parseGraphText(JSON.stringify(tinyResidualGraph())).graph!;
  const analysis = analyzeGraph(graph);

  it('backprop matches numerical gradients for every tensor inside the modules (float64)', () => {
    const report = gradientCheck(graph, analysis, { batch: 2, seed: 3 });
    expect(report.tensors.map((t) => t.name)).toContain('bs/1/proj.weight');
    for (const t of report.tensors) expect(t.ok, `${t.name}: ${t.maxRelError}`).toBe(true);
    expect(report.ok).toBe(true);
  });

  it('builds a model whose parameters are the expanded nodes’, as many as the analysis counts', () => {
    const model = buildModel(graph, analysis, { seed: 1 });
    const count = model.params.reduce((s, p) => s + p.value.length, 0);
    expect(count).toBe(analysis.totals.totalParams);
    expect(model.params.map((p) => p.key)).toContain('b0/conv1.weight');
  });
});
