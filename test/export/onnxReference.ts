/**
 * Runs a graph two ways on the same random weights and inputs: wiregrad's own forward (evaluation mode, in float64 so
 * its rounding does not count against the export) and onnxruntime-node on the exported model (float32), and
 * measures how far apart they are.
 */
import { createRequire } from 'node:module';
import { chwToHwcIndex } from '../../engine/export/layout';
import { encodeOnnx, ONNX_INPUT_NAME, translateToOnnx } from '../../engine/export/onnx/exportOnnx';
import type { OnnxValue, ParamData } from '../../engine/export/onnx/mapping';
import type { Graph } from '../../engine/graph/types';
import { buildModel, type Model } from '../../engine/model/model';
import { Rng } from '../../engine/random/rng';
import type { GraphAnalysis, Shape } from '../../engine/shape/types';
import { isImageShape } from '../../engine/shape/types';

type OrtTensor = { data: Float32Array; dims: readonly number[] };
interface Ort {
  InferenceSession: {
    create(bytes: Uint8Array): Promise<{
      inputNames: readonly string[];
      outputNames: readonly string[];
      run(feeds: Record<string, unknown>): Promise<Record<string, OrtTensor>>;
    }>;
  };
  Tensor: new (type: 'float32', data: Float32Array, dims: readonly number[]) => unknown;
}
export const ort = createRequire(__filename)('onnxruntime-node') as Ort;

/**
 * Every parameter drawn at random and rounded to float32, so the float64 reference and the float32 ONNX model hold the
 * same numbers. Weights keep the model's own initialisation scale; biases, γ, β and the running statistics are drawn
 * away from their initial 0/1 so a mix-up of any of them shows.
 */
export function randomizeWeights(model: Model, seed: number): Map<string, ParamData> {
  const rng = new Rng(seed);
  const map = new Map<string, ParamData>();
  for (const p of model.params) {
    const v = p.value;
    for (let i = 0; i < v.length; i++) {
      const u = rng.uniform();
      if (p.name === 'running_var' || p.name === 'gamma') v[i] = 0.5 + u;
      else if (p.name === 'bias' || p.name === 'beta' || p.name === 'running_mean') v[i] = u - 0.5;
      v[i] = Math.fround(v[i]);
    }
    map.set(p.key, { shape: p.shape, data: Float32Array.from(v) });
  }
  return map;
}

export function randomInput(shape: Shape, batch: number, seed: number): Float64Array {
  const rng = new Rng(seed);
  const n = batch * shape.reduce((a, b) => a * b, 1);
  return Float64Array.from({ length: n }, () => Math.fround(2 * rng.uniform() - 1));
}

/** NHWC batch → NCHW (or the same values for vectors). */
export function toNchw(x: ArrayLike<number>, batch: number, shape: Shape): Float32Array {
  if (!isImageShape(shape)) return Float32Array.from(x);
  const [H, W, C] = shape;
  const out = new Float32Array(x.length);
  for (let n = 0; n < batch; n++) {
    for (let h = 0; h < H; h++) for (let w = 0; w < W; w++) for (let c = 0; c < C; c++) out[((n * C + c) * H + h) * W + w] = x[((n * H + h) * W + w) * C + c];
  }
  return out;
}

export function fromNchw(x: ArrayLike<number>, batch: number, shape: Shape): Float64Array {
  if (!isImageShape(shape)) return Float64Array.from(x);
  const [H, W, C] = shape;
  const out = new Float64Array(x.length);
  for (let n = 0; n < batch; n++) {
    for (let h = 0; h < H; h++) for (let w = 0; w < W; w++) for (let c = 0; c < C; c++) out[((n * H + h) * W + w) * C + c] = x[((n * C + c) * H + h) * W + w];
  }
  return out;
}

export interface NodeDifference {
  readonly node: string;
  /** max |onnx − reference| over the node's output. */
  readonly maxAbs: number;
  /** maxAbs / max |reference|: the difference relative to the output's scale. */
  readonly relative: number;
}

export interface Comparison {
  readonly reference: Float64Array;
  readonly onnx: Float64Array;
  readonly outputDims: readonly number[];
  /** The graph output's difference, relative to its largest value. */
  readonly relative: number;
  readonly maxAbs: number;
  /** Every node's output compared (the graph's output among them). */
  readonly nodes: readonly NodeDifference[];
  readonly bytes: Uint8Array;
}

function difference(node: string, onnx: ArrayLike<number>, reference: ArrayLike<number>): NodeDifference {
  if (onnx.length !== reference.length) throw new Error(`node '${node}': ONNX gives ${onnx.length} values, wiregrad ${reference.length}`);
  let maxAbs = 0;
  let scale = 0;
  for (let i = 0; i < reference.length; i++) {
    maxAbs = Math.max(maxAbs, Math.abs(onnx[i] - reference[i]));
    scale = Math.max(scale, Math.abs(reference[i]));
  }
  return { node, maxAbs, relative: scale === 0 ? maxAbs : maxAbs / scale };
}

/** An ONNX value of a node, brought to wiregrad's layout (NHWC images, wiregrad's feature order). */
function toWiregrad(value: OnnxValue, data: Float32Array, batch: number): Float64Array {
  if (value.layout.kind === 'image') return fromNchw(data, batch, value.shape);
  if (value.layout.kind === 'vector') return Float64Array.from(data);
  const perm = chwToHwcIndex(value.layout.image);
  const n = perm.length;
  const out = new Float64Array(data.length);
  for (let b = 0; b < batch; b++) for (let i = 0; i < n; i++) out[b * n + perm[i]] = data[b * n + i];
  return out;
}

/**
 * Exports the graph with random weights, runs it in onnxruntime on a random batch and compares the graph's output
 * and every node's output (added as extra model outputs) with wiregrad's float64 forward.
 */
export async function compareWithOnnxRuntime(graph: Graph, analysis: GraphAnalysis, batch: number, seed = 1): Promise<Comparison> {
  const model = buildModel(graph, analysis, { dtype: 'float64', seed });
  const weights = randomizeWeights(model, seed + 1);
  const x = randomInput(model.inputShape, batch, seed + 2);
  const reference = Float64Array.from(model.forward(x, batch, 'eval'));
  const { model: proto, values } = translateToOnnx(graph, analysis, { weights });
  const probed = [...values].filter(([id, v]) => id !== analysis.inputId && id !== model.outputId && v.name !== ONNX_INPUT_NAME);
  const outputs = proto.graph!.output!;
  for (const [, v] of probed) {
    if (!outputs.some((o) => o.name === v.name)) outputs.push({ name: v.name, type: { tensorType: { elemType: 1 } } });
  }
  const bytes = encodeOnnx(proto);
  const session = await ort.InferenceSession.create(bytes);
  const dims = isImageShape(model.inputShape) ? [batch, model.inputShape[2], model.inputShape[0], model.inputShape[1]] : [batch, ...model.inputShape];
  const result = await session.run({ input: new ort.Tensor('float32', toNchw(x, batch, model.inputShape), dims) });
  const out = result[model.outputId];
  const onnx = fromNchw(out.data, batch, model.outputShape);
  const nodes = probed.map(([id, v]) => difference(id, toWiregrad(v, result[v.name].data, batch), model.activation(id)!));
  const final = difference(model.outputId, onnx, reference);
  return { reference, onnx, outputDims: out.dims, relative: final.relative, maxAbs: final.maxAbs, nodes: [...nodes, final], bytes };
}
