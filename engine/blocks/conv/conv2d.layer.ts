/**
 * conv2d: y = x ⊛ W + b (im2col + matmul in the backend). The forward's im2col matrix is exactly what the filter
 * gradient needs (dW = colᵀ·dy); the input gradient is the transposed product scattered back.
 *
 * A backend whose kernels gather the receptive fields themselves, a tile at a time (Backend.convGathersFields: the
 * WASM kernels), gets no im2col matrix at all: the whole batch goes in one call and the filter gradient reads x.
 * Otherwise (the TypeScript kernels, and any float64 model) the layer owns the matrix. im2col multiplies memory by
 * F_h·F_w (9× for a 3×3 kernel), so the batch is then processed in chunks whose im2col matrix stays under COL_LIMIT
 * values (or LayerContext.colLimit; at least one sample). When the whole batch fits in one chunk, the forward's
 * matrix is kept for the backward; otherwise the backward rebuilds each chunk's (one more im2col per step, in
 * exchange for memory bounded by the chunk instead of the batch).
 */
import type { Backend, ConvGeometry, GroupedConvGeometry } from '../../kernels/backend';
import type { NodeAnalysis } from '../../shape/types';
import type { DType, FloatArray } from '../../tensor/types';
import type { BlockLayer, KernelTraits, Layer, LayerContext, Mode } from '../core/layer';
import { sampleChunks } from '../core/sampleChunks';
import { convSetup } from './convSetup';

/** Values in one im2col matrix: 4 Mi (16 MiB in float32). */
export const COL_LIMIT = 1 << 22;

function createConv2d(ctx: LayerContext): Layer {
  const groups = ctx.node.attrs.groups;
  if (typeof groups === 'number' && groups > 1) return createGroupedConv2d(ctx, groups);
  const { node, backend } = ctx;
  const { kh, kw, sh, sw, dh, dw, padTop, padLeft, filters, inH, inW, inC, outH, outW, output, params, weight, bias, ws } = convSetup(
    ctx,
    (d) => [d.kh, d.kw, d.inC, d.filters],
    { dilation: true },
  );
  const inSize = inH * inW * inC;
  const outSize = outH * outW * filters;
  const colPerSample = outH * outW * kh * kw * inC;
  const geometry = (batch: number): ConvGeometry => ({
    batch, inH, inW, inC, outH, outW, outC: filters, kernelH: kh, kernelW: kw,
    strideH: sh, strideW: sw, dilationH: dh, dilationW: dw, padTop, padLeft,
  });
  let x: FloatArray | null = null;
  if (gathersFields(backend, ctx.dtype)) {
    let batch = 0;
    return {
      id: node.id,
      type: node.type,
      outputShape: output,
      params: params.list,
      forward(inputs: readonly FloatArray[], b: number, _mode: Mode) {
        x = inputs[0];
        batch = b;
        const y = ws.get('y', b * outSize);
        backend.conv2dForward({ x, weight: weight.value, bias: bias ? bias.value : null, y, col: null }, geometry(b));
        return y;
      },
      backward(dy: FloatArray) {
        if (!x) throw new Error(`conv2d '${node.id}': backward before forward`);
        const g = geometry(batch);
        backend.conv2dBackwardFilter({ dy, x, col: null, dweight: weight.grad!, dbias: bias ? bias.grad : null }, g, false);
        if (!ctx.inputNeedsGrad[0]) return [null];
        const dx = ws.get('dx', batch * inSize);
        backend.conv2dBackwardInput({ dy, weight: weight.value, dx, dcol: null }, g);
        return [dx];
      },
    };
  }
  const chunks = sampleChunks(colPerSample, ctx.colLimit ?? COL_LIMIT, geometry);
  const rows = (a: FloatArray, size: number, s0: number, n: number) => chunks.rows(a, size, s0, n);

  return {
    id: node.id,
    type: node.type,
    outputShape: output,
    params: params.list,
    forward(inputs: readonly FloatArray[], b: number, _mode: Mode) {
      x = inputs[0];
      chunks.batch = b;
      const y = ws.get('y', b * outSize);
      const col = ws.get('col', Math.min(chunks.size, chunks.batch) * colPerSample);
      chunks.forEach((s0, n, g) =>
        backend.conv2dForward({ x: rows(x!, inSize, s0, n), weight: weight.value, bias: bias ? bias.value : null, y: rows(y, outSize, s0, n), col }, g),
      );
      return y;
    },
    backward(dy: FloatArray) {
      if (!x) throw new Error(`conv2d '${node.id}': backward before forward`);
      const col = ws.get('col', Math.min(chunks.size, chunks.batch) * colPerSample);
      const dx = ctx.inputNeedsGrad[0] ? ws.get('dx', chunks.batch * inSize) : null;
      const dcol = dx ? ws.get('dcol', col.length) : null;
      const colHoldsBatch = chunks.batch <= chunks.size;
      chunks.forEach((s0, n, g) => {
        if (!colHoldsBatch) backend.im2col(rows(x!, inSize, s0, n), col, g);
        const dyChunk = rows(dy, outSize, s0, n);
        backend.conv2dBackwardFilter({ dy: dyChunk, x: rows(x!, inSize, s0, n), col, dweight: weight.grad!, dbias: bias ? bias.grad : null }, g, s0 > 0);
        if (dx) backend.conv2dBackwardInput({ dy: dyChunk, weight: weight.value, dx: rows(dx, inSize, s0, n), dcol: dcol! }, g);
      });
      return [dx];
    },
  };
}

/**
 * A grouped (or depthwise) convolution: direct loops in the backend (engine/kernels/cpu/groupedConv.ts), which need
 * no im2col matrix — for depthwise, im2col would copy F_h·F_w values per output for only F_h·F_w multiply-adds.
 */
function createGroupedConv2d(ctx: LayerContext, groups: number): Layer {
  const { node, backend } = ctx;
  const { kh, kw, sh, sw, dh, dw, padTop, padLeft, filters, inH, inW, inC, outH, outW, output, params, weight, bias, ws } = convSetup(
    ctx,
    (d) => [d.kh, d.kw, d.inC / groups, d.filters],
    { dilation: true },
  );
  let x: FloatArray | null = null;
  let g: GroupedConvGeometry | null = null;
  return {
    id: node.id,
    type: node.type,
    outputShape: output,
    params: params.list,
    forward(inputs: readonly FloatArray[], batch: number, _mode: Mode) {
      x = inputs[0];
      g = {
        batch, inH, inW, inC, outH, outW, outC: filters, kernelH: kh, kernelW: kw,
        strideH: sh, strideW: sw, dilationH: dh, dilationW: dw, padTop, padLeft, groups,
      };
      const y = ws.get('y', batch * outH * outW * filters);
      backend.groupedConv2dForward({ x, weight: weight.value, bias: bias ? bias.value : null, y }, g);
      return y;
    },
    backward(dy: FloatArray) {
      if (!x || !g) throw new Error(`conv2d '${node.id}': backward before forward`);
      backend.groupedConv2dBackwardFilter({ dy, x, dweight: weight.grad!, dbias: bias ? bias.grad : null }, g, false);
      if (!ctx.inputNeedsGrad[0]) return [null];
      const dx = ws.get('dx', g.batch * inH * inW * inC);
      backend.groupedConv2dBackwardInput({ dy, weight: weight.value, dx }, g);
      return [dx];
    },
  };
}

/** Whether the layer leaves the receptive fields to the backend (no im2col matrix); float64 always goes to the TypeScript kernels. */
function gathersFields(backend: Pick<Backend, 'convGathersFields'> | undefined, dtype: DType): boolean {
  return backend?.convGathersFields === true && dtype === 'float32';
}

/**
 * The im2col matrix and its gradient: 2 × (samples per chunk) × H_out·W_out·F_h·F_w·C_in values, the chunk bounded
 * by COL_LIMIT as in the layer above. None with a backend that gathers the fields itself (its per-thread tile
 * scratch, SplitPolicy.tileBytes each, belongs to the backend and is shared by every layer), nor for a grouped
 * convolution.
 */
function workspaceValues(node: NodeAnalysis, batch: number, kernels?: KernelTraits): number {
  if (!node.outputShape || node.inputShapes.length !== 1) return 0;
  if (typeof node.attrs.groups === 'number' && node.attrs.groups > 1) return 0;
  if (gathersFields(kernels, kernels?.dtype ?? 'float32')) return 0;
  const [outH, outW] = node.outputShape;
  const weight = node.paramTensors.find((p) => p.name === 'weight');
  if (!weight) return 0;
  const [kh, kw, inC] = weight.shape;
  const perSample = outH * outW * kh * kw * inC;
  const samples = Math.min(batch, Math.max(1, Math.floor(COL_LIMIT / perSample)));
  return 2 * samples * perSample; // col + dcol
}

export const conv2dLayer: BlockLayer = {
  create: createConv2d,
  workspaceValues,
  gradCheck: { input: [5, 5, 2], attrs: { filters: 3, kernel: 3, stride: 2, padding: 1 } },
};
