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
import { loadExample } from '../helpers/graphs';
import { ENTRIES } from '../../engine/blocks/registry';
import { buildOnnxModel } from '../../engine/export/onnx/exportOnnx';
import type { ParamData } from '../../engine/export/onnx/mapping';
import { onnx } from '../../engine/export/onnx/proto';
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

  // Batch 2 where it is cheap; ResNet-18 (1.8 GMACs per 224×224 image) runs one image.
  const examples: [string, number][] = [['lenet5', 2], ['lecture-32x32x3', 2], ['cifar-small', 2], ['maxout-mlp', 2], ['maxout-x2', 2], ['inception-block', 2], ['resnet18', 1]];
  for (const [name, batch] of examples) {
    it(`${name} matches node by node (batch ${batch})`, async () => {
      const { graph, analysis } = loadExample(`${name}.nn.json`);
      const c = await compareWithOnnxRuntime(graph, analysis, batch);
      if (process.env.WIREGRAD_PRINT_DIFFS) console.log(name, worstOf(c), c.maxAbs);
      const worst = worstOf(c);
      expect(worst.relative, `worst node ${worst.node}`).toBeLessThanOrEqual(TOLERANCE);
    }, 60_000);
  }

  /**
   * AlexNet (61 M parameters) and VGG-16 (138 M, 15.5 GMACs) would take minutes and gigabytes in a float64 forward
   * (AlexNet at batch 1: 54 s, 1.8 GB; max relative difference measured 5.4e-7). By default they get the structure
   * check: every op and its attributes from the same code as above, every initializer's shape, and the parameter
   * count to the unit. WIREGRAD_ONNX_BIG=1 runs the full numbers.
   */
  for (const name of ['alexnet', 'vgg16']) {
    it(`${name}: ${process.env.WIREGRAD_ONNX_BIG ? 'matches node by node (batch 1)' : 'structure, initializer shapes and parameter count'}`, async () => {
      const { graph, analysis } = loadExample(`${name}.nn.json`);
      if (process.env.WIREGRAD_ONNX_BIG) {
        const c = await compareWithOnnxRuntime(graph, analysis, 1);
        console.log(name, worstOf(c));
        expect(worstOf(c).relative).toBeLessThanOrEqual(TOLERANCE);
        return;
      }
      const weights = new Map<string, ParamData>();
      for (const n of analysis.nodes) for (const t of n.paramTensors) weights.set(`${n.id}.${t.name}`, { shape: t.shape, data: new Float32Array(0) });
      const proto = buildOnnxModel(graph, analysis, { weights });
      const floats = proto.graph!.initializer!.filter((t) => t.dataType === onnx.TensorProto.DataType.FLOAT && !t.name!.endsWith('.ratio'));
      const params = floats.reduce((sum, t) => sum + t.dims!.reduce<number>((a, d) => a * Number(d), 1), 0);
      expect(params).toBe(analysis.totals.totalParams);
      const ops = proto.graph!.node!.map((n) => n.opType);
      const types = analysis.order.map((id) => analysis.byId.get(id)!.type).filter((t) => t !== 'input');
      const expected = { conv2d: 'Conv', relu: 'Relu', maxpool2d: 'MaxPool', dense: 'Gemm', dropout: 'Dropout', softmax: 'Softmax' } as Record<string, string>;
      expect(ops.filter((o) => o !== 'Flatten')).toEqual(types.map((t) => expected[t]));
      expect(ops.filter((o) => o === 'Flatten')).toHaveLength(1);
      const out = proto.graph!.output![0];
      expect(out.type!.tensorType!.shape!.dim!.map((d) => d.dimParam || Number(d.dimValue))).toEqual(['N', 1000]);
    }, 120_000);
  }
});
