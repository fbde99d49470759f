/**
 * ONNX import: models written by PyTorch's own exporter (test/fixtures/onnx, made by make_fixtures.py) import with the
 * parameter counts PyTorch reports and compute PyTorch's outputs; wiregrad's export imports back to the same graph and
 * bit-identical weights; what cannot be imported is listed by node name and op.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { translateToOnnx } from '../../engine/export/onnx/exportOnnx';
import { onnx } from '../../engine/export/onnx/proto';
import type { Graph } from '../../engine/graph/types';
import { OnnxImportError } from '../../engine/import/onnx/errors';
import { importOnnx, type ImportResult } from '../../engine/import/onnx/importOnnx';
import { readOnnxModel } from '../../engine/import/onnx/readModel';
import { buildModel } from '../../engine/model/model';
import { parseGraphText } from '../../engine/graph/parse';
import { analyzeGraph } from '../../engine/shape/analyze';
import type { GraphAnalysis } from '../../engine/shape/types';
import { exampleGraph } from '../helpers/graphs';
import { randomizeWeights, toNchw } from '../export/onnxReference';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'onnx');
interface TorchRecord {
  readonly input: number[];
  readonly parameters: number;
  readonly buffers: number;
  /** One NCHW sample (flattened) and PyTorch's output for it. */
  readonly sample: number[];
  readonly output: number[];
}
const torch = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'pytorch-params.json'), 'utf8')) as Record<string, TorchRecord>;

/** NCHW sample → wiregrad's NHWC. */
function toNhwc(x: readonly number[], shape: readonly number[]): Float64Array {
  if (shape.length !== 3) return Float64Array.from(x);
  const [C, H, W] = shape;
  const out = new Float64Array(x.length);
  for (let c = 0; c < C; c++) for (let h = 0; h < H; h++) for (let w = 0; w < W; w++) out[(h * W + w) * C + c] = x[(c * H + h) * W + w];
  return out;
}

/** The imported graph run in float64 on the imported weights. */
function forward(result: ImportResult, x: Float64Array): Float64Array {
  const analysis = analyzeGraph(result.graph);
  const model = buildModel(result.graph, analysis, { dtype: 'float64' });
  for (const p of model.params) p.value.set(result.weights.get(p.key)!.data);
  return Float64Array.from(model.forward(x, 1, 'eval'));
}

describe('ONNX files written by PyTorch', () => {
  // depthwise-separable: a depthwise conv (groups = channels) and ReLU6; layernorm: nn.LayerNorm over a vector.
  // decoder: transposed convolutions and a GELU, which PyTorch writes at opset 17 as Div → Erf → Add → Mul → Mul.
  for (const name of ['lenet', 'tiny-resnet', 'branches', 'mlp', 'depthwise-separable', 'layernorm', 'decoder']) {
    it(`${name}: PyTorch's parameter counts, and PyTorch's output for its sample to 1e-5`, () => {
      const result = importOnnx(readOnnxModel(path.join(FIXTURES, `${name}.onnx`)), name);
      expect(result.unsupported).toEqual([]);
      const analysis = analyzeGraph(result.graph);
      expect(analysis.hasErrors).toBe(false);
      const t = torch[name];
      expect(analysis.totals.trainableParams).toBe(t.parameters);
      expect(analysis.totals.nonTrainableParams).toBe(t.buffers);
      const y = forward(result, toNhwc(t.sample, t.input));
      const scale = Math.max(...t.output.map(Math.abs));
      const diff = Math.max(...t.output.map((v, i) => Math.abs(v - y[i])));
      expect(diff / scale).toBeLessThan(1e-5);
    });
  }

  it('lenet: node ids come from the module names, the flatten before fc1 stays a node', () => {
    const { graph } = importOnnx(readOnnxModel(path.join(FIXTURES, 'lenet.onnx')), 'lenet');
    expect(graph.nodes.map((n) => `${n.id}:${n.type}`)).toEqual([
      'input:input', 'conv1:conv2d', 'relu:relu', 'pool1:maxpool2d', 'conv2:conv2d', 'relu_1:relu', 'pool2:maxpool2d',
      'flatten:flatten', 'fc1:dense', 'relu_2:relu', 'fc2:dense', 'relu_3:relu', 'fc3:dense', 'softmax:softmax',
    ]);
    expect(graph.nodes[1].attrs).toEqual({ filters: 6, kernel: 5, padding: 2 });
  });

  it('depthwise-separable: the depthwise conv imports as conv2d with groups = its channels', () => {
    const result = importOnnx(readOnnxModel(path.join(FIXTURES, 'depthwise-separable.onnx')), 'ds');
    expect(result.graph.nodes.find((n) => n.id === 'depthwise')!.attrs).toEqual({ filters: 8, kernel: 3, padding: 1, bias: false, groups: 8 });
  });
});

/** Every node's id, type, inputs in order and resolved attributes (what the shape engine computes from the file). */
function structure(graph: Graph, analysis: GraphAnalysis) {
  return graph.nodes.map((n) => ({
    id: n.id,
    type: n.type,
    inputs: graph.edges.filter((e) => e.to === n.id).map((e) => e.from),
    attrs: analysis.byId.get(n.id)!.attrs,
    shape: analysis.byId.get(n.id)!.outputShape,
  }));
}

function roundTrip(graph: Graph) {
  const analysis = analyzeGraph(graph);
  const model = buildModel(graph, analysis, { seed: 3 });
  const weights = randomizeWeights(model, 4);
  const bytes = onnx.ModelProto.encode(translateToOnnx(graph, analysis, { weights }).model).finish();
  const back = importOnnx(onnx.ModelProto.decode(bytes), 'x');
  return { analysis, weights, back };
}

describe('export → import', () => {
  const cases: [string, () => Graph][] = [
    ['every-block', () => parseGraphText(fs.readFileSync(path.join(__dirname, '..', 'export', 'every-block.nn.json'), 'utf8')).graph!],
    ...['lenet5', 'maxout-mlp', 'inception-block', 'resnet18', 'cifar-small'].map((n): [string, () => Graph] => [n, () => exampleGraph(`${n}.nn.json`).graph]),
  ];
  for (const [name, load] of cases) {
    it(`${name}: the same nodes, edges in order, resolved attributes and bit-identical weights`, () => {
      const graph = load();
      const { analysis, weights, back } = roundTrip(graph);
      expect(back.unsupported).toEqual([]);
      expect(back.graph.name).toBe(graph.name);
      const again = analyzeGraph(back.graph);
      const sortById = <T extends { id: string }>(xs: T[]) => [...xs].sort((a, b) => a.id.localeCompare(b.id));
      expect(sortById(structure(back.graph, again))).toEqual(sortById(structure(graph, analysis)));
      expect([...back.weights.keys()].sort()).toEqual([...weights.keys()].sort());
      for (const [key, w] of weights) {
        const got = back.weights.get(key)!;
        expect(got.shape, key).toEqual([...w.shape]);
        expect(Buffer.from(got.data.buffer, got.data.byteOffset, got.data.byteLength).equals(Buffer.from(w.data.buffer as ArrayBuffer, w.data.byteOffset, w.data.byteLength)), key).toBe(true);
      }
      expect(Object.keys(back.graph.layout).sort()).toEqual(back.graph.nodes.map((n) => n.id).sort());
    }, 60_000);
  }
});

describe('what cannot be imported', () => {
  const tensorValue = (name: string, dims: number[]) => ({ name, type: { tensorType: { elemType: 1, shape: { dim: dims.map((d) => (d < 0 ? { dimParam: 'N' } : { dimValue: d })) } } } });

  it('lists every unsupported node by name and op type', () => {
    const model: onnx.IModelProto = {
      irVersion: 8,
      opsetImport: [{ version: 17 }],
      graph: {
        name: 'odd',
        input: [tensorValue('x', [-1, 3, 8, 8])],
        output: [tensorValue('z', [-1, 3, 8, 8])],
        node: [
          { name: 'lrn', opType: 'LRN', input: ['x'], output: ['y'], attribute: [{ name: 'size', type: 2, i: 3 }] },
          { name: 'after', opType: 'Relu', input: ['y'], output: ['y2'] },
          { name: 'shrink', opType: 'Shrink', input: ['x'], output: ['z'] },
        ],
      },
    };
    const result = importOnnx(model, 'odd');
    expect(result.unsupported).toEqual([
      { name: 'lrn', opType: 'LRN', reason: 'no wiregrad block does LRN' },
      { name: 'shrink', opType: 'Shrink', reason: 'no wiregrad block does Shrink' },
    ]);
  });

  it('a tensor whose dims promise more values than its bytes hold is refused before anything is allocated', () => {
    const model: onnx.IModelProto = {
      irVersion: 8,
      opsetImport: [{ version: 17 }],
      graph: {
        input: [tensorValue('x', [-1, 4])],
        output: [tensorValue('y', [-1, 3])],
        initializer: [{ name: 'w', dims: [3, 1_000_000_000], dataType: 1, rawData: new Uint8Array(8) }],
        node: [{ name: 'fc', opType: 'Gemm', input: ['x', 'w'], output: ['y'], attribute: [{ name: 'transB', type: 2, i: 1 }] }],
      },
    };
    expect(importOnnx(model, 'm').unsupported).toEqual([
      { name: 'fc', opType: 'Gemm', reason: "tensor 'w' holds 2 values for dims [3, 1000000000]" },
    ]);
  });

  it('refuses an input of unknown size, and a corrupt or oversized file with a message naming it', () => {
    const model: onnx.IModelProto = {
      irVersion: 8,
      opsetImport: [{ version: 17 }],
      graph: { input: [tensorValue('x', [-1, 3, -1, 8])], output: [tensorValue('y', [-1, 3])], node: [{ opType: 'Relu', input: ['x'], output: ['y'] }] },
    };
    expect(() => importOnnx(model, 'm')).toThrow(/input 'x' has shape \[N, 3, N, 8\]/);
    const dir = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'wiregrad-onnx-'));
    const truncated = path.join(dir, 'truncated.onnx');
    fs.writeFileSync(truncated, fs.readFileSync(path.join(FIXTURES, 'lenet.onnx')).subarray(0, 3000));
    expect(() => readOnnxModel(truncated)).toThrow(OnnxImportError);
    expect(() => readOnnxModel(truncated)).toThrow(/truncated\.onnx: not a valid ONNX model \(the protobuf does not decode: index out of range/);
    const text = path.join(dir, 'text.onnx');
    fs.writeFileSync(text, 'hello, not a model\n');
    expect(() => readOnnxModel(text)).toThrow(/text\.onnx: not/);
    expect(() => readOnnxModel(path.join(FIXTURES, 'mlp.onnx'), 1000)).toThrow(/over the 1,000-byte limit/);
    expect(() => readOnnxModel(dir)).toThrow(/it is a folder/);
  });
});

/** Keep the export's own input conversion honest here too (the import test's inputs are NCHW samples). */
it('toNhwc inverts the reference toNchw', () => {
  const x = Array.from({ length: 24 }, (_, i) => i);
  expect(Array.from(toNchw(toNhwc(x, [2, 3, 4]), 1, [3, 4, 2]))).toEqual(x);
});
