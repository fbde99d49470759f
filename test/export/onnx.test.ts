/**
 * The ONNX export computes wiregrad's function: every example network and a graph holding every block, with random
 * weights and inputs, run in onnxruntime-node and compared node by node with wiregrad's forward (evaluation mode).
 *
 * Tolerance: the reference runs in float64 on the same float32-rounded weights and inputs, so the difference measured
 * is onnxruntime's float32 rounding alone. Each output must agree to 1e-5 of its largest magnitude
 * (max |onnx − wiregrad| / max |wiregrad|): float32 carries 24 bits (6e-8 relative), and a sum of n products rounds
 * to about √n·6e-8 of its scale (~2e-6 for the 1,200-term sums here), well inside 1e-5.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseGraphText } from '../../engine/graph/parse';
import { analyzeGraph } from '../../engine/shape/analyze';
import { exampleGraph } from '../helpers/graphs';
import { ENTRIES } from '../../engine/blocks/registry';
import { buildOnnxModel, onnxShape } from '../../engine/export/onnx/exportOnnx';
import type { ParamData } from '../../engine/export/onnx/mapping';
import { compareWithOnnxRuntime, type Comparison } from './onnxReference';

const TOLERANCE = 1e-5;

const worstOf = (c: Comparison) => c.nodes.reduce((a, b) => (b.relative > a.relative ? b : a));

function loadFixture(file: string) {
  const graph = parseGraphText(fs.readFileSync(path.join(__dirname, file), 'utf8')).graph!;
  return { graph, analysis: analyzeGraph(graph) };
}

describe('ONNX export against onnxruntime', () => {
  it('every registered block has an ONNX mapping (engine/blocks/<family>/<type>.onnx.ts in its registry entry)', () => {
    // The input node is the model's input itself, not an op.
    expect(ENTRIES.filter((e) => !e.onnx && e.spec.type !== 'input').map((e) => e.spec.type)).toEqual([]);
  });

  it('the graph holding every block holds every registered block type', () => {
    const { graph } = loadFixture('every-block.nn.json');
    const types = new Set(graph.nodes.map((n) => n.type));
    expect(ENTRIES.map((e) => e.spec.type).filter((t) => !types.has(t))).toEqual([]);
  });

  it('a graph holding every block matches node by node (batch 3)', async () => {
    const { graph, analysis } = loadFixture('every-block.nn.json');
    const c = await compareWithOnnxRuntime(graph, analysis, 3);
    if (process.env.WIREGRAD_PRINT_DIFFS) console.log('every-block', c.nodes);
    expect(c.outputDims).toEqual([3, 7]);
    for (const n of c.nodes) expect({ node: n.node, ok: n.relative <= TOLERANCE }).toEqual({ node: n.node, ok: true });
    expect(c.nodes.length).toBe(analysis.nodes.length - 1);
  });

  /**
   * Every network in examples/ (expression graphs are not networks). Batch 2 where it is cheap, one image above
   * 100 M MACs (ResNet-18: 1.8 GMACs). Above 20 M parameters or 2 GMACs — AlexNet (61 M parameters), VGG-16 (138 M,
   * 15.5 GMACs) — a float64 forward takes minutes and gigabytes (AlexNet at batch 1: 54 s, 1.8 GB, max relative
   * difference 5.4e-7), so by default those get the structure check: every node's op named by its id, every
   * parameter tensor an initializer of the right size (the parameter count to the unit) and the output's shape.
   * WIREGRAD_ONNX_BIG=1 runs their numbers too.
   */
  const examplesDir = path.join(__dirname, '..', '..', 'examples');
  const networks = fs
    .readdirSync(examplesDir)
    .filter((f) => f.endsWith('.nn.json'))
    .map((f) => ({ name: f.replace(/\.nn\.json$/, ''), ...exampleGraph(f) }))
    .filter((e) => e.graph.kind !== 'expression');
  it('covers the example networks', () => {
    expect(networks.map((n) => n.name)).toEqual(expect.arrayContaining(['lenet5', 'resnet18', 'inception-block', 'maxout-mlp', 'alexnet', 'vgg16']));
  });
  for (const { name, graph, analysis } of networks) {
    const { totalParams, totalMacs } = analysis.totals;
    const big = totalParams > 20e6 || totalMacs > 2e9;
    if (!big || process.env.WIREGRAD_ONNX_BIG) {
      const batch = totalMacs > 100e6 ? 1 : 2;
      it(`${name} matches node by node (batch ${batch})`, async () => {
        const c = await compareWithOnnxRuntime(graph, analysis, batch);
        const worst = worstOf(c);
        if (process.env.WIREGRAD_PRINT_DIFFS) console.log(name, worst, c.maxAbs);
        expect(worst.relative, `worst node ${worst.node}`).toBeLessThanOrEqual(TOLERANCE);
      }, 300_000);
      continue;
    }
    it(`${name}: structure, parameter tensors and output shape (WIREGRAD_ONNX_BIG=1 for the numbers)`, () => {
      // Empty tensors: the same code writes every op and initializer shape, without 0.5 GB of weights.
      const weights = new Map<string, ParamData>();
      for (const n of analysis.nodes) for (const t of n.paramTensors) weights.set(`${n.id}.${t.name}`, { shape: t.shape, data: new Float32Array(0) });
      const proto = buildOnnxModel(graph, analysis, { weights });
      const sizes = new Map(proto.graph!.initializer!.map((t) => [t.name!, t.dims!.reduce<number>((a, d) => a * Number(d), 1)]));
      const params = [...weights.keys()].reduce((sum, key) => sum + (sizes.get(key) ?? NaN), 0);
      expect(params).toBe(totalParams);
      const named = new Set(proto.graph!.node!.map((n) => n.name));
      expect(analysis.order.filter((id) => id !== analysis.inputId && !named.has(id))).toEqual([]);
      const out = proto.graph!.output![0];
      const shape = analysis.byId.get(out.name!)!.outputShape!;
      expect(out.type!.tensorType!.shape!.dim!.map((d) => d.dimParam || Number(d.dimValue))).toEqual(['N', ...onnxShape(shape)]);
    }, 120_000);
  }
});
