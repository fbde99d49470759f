/**
 * conv2dtranspose: y = convTranspose(x, W) + b, computed as the adjoint of a convolution (see
 * engine/kernels/cpu/convTranspose.ts): x·Wᵀ gives every input pixel's contribution to each kernel tap, col2im adds
 * them onto the output; the backward is an ordinary im2col convolution of dy (dx) and colᵀ·x (dW).
 * The scratch matrix has a row per input pixel and F_h·F_w·K columns; like conv2d, the batch is processed in
 * chunks whose matrix stays under COL_LIMIT values (at least one sample).
 */
import type { TransposedConvGeometry } from '../../kernels/backend';
import type { NodeAnalysis } from '../../shape/types';
import type { FloatArray } from '../../tensor/types';
import type { BlockLayer, Layer, LayerContext, Mode } from '../core/layer';
import { COL_LIMIT } from './conv2d.layer';
import { sampleChunks } from '../core/sampleChunks';
import { convSetup } from './convSetup';

function createConv2dTranspose(ctx: LayerContext): Layer {
  const { node, backend } = ctx;
  const { kh, kw, sh, sw, padTop, padLeft, filters, inH, inW, inC, outH, outW, output, params, weight, bias, ws } = convSetup(
    ctx,
    (d) => [d.kh, d.kw, d.filters, d.inC],
    { dilation: false },
  );
  const inSize = inH * inW * inC;
  const outSize = outH * outW * filters;
  const colPerSample = inH * inW * kh * kw * filters;
  const geometry = (batch: number): TransposedConvGeometry => ({
    batch, inH, inW, inC, outH, outW, outC: filters, kernelH: kh, kernelW: kw, strideH: sh, strideW: sw, padTop, padLeft,
  });
  let x: FloatArray | null = null;
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
        backend.conv2dTransposeForward({ x: rows(x!, inSize, s0, n), weight: weight.value, bias: bias ? bias.value : null, y: rows(y, outSize, s0, n), col }, g),
      );
      return y;
    },
    backward(dy: FloatArray) {
      if (!x) throw new Error(`conv2dtranspose '${node.id}': backward before forward`);
      const col = ws.get('col', Math.min(chunks.size, chunks.batch) * colPerSample);
      const dx = ctx.inputNeedsGrad[0] ? ws.get('dx', chunks.batch * inSize) : null;
      chunks.forEach((s0, n, g) =>
        backend.conv2dTransposeBackward(
          {
            dy: rows(dy, outSize, s0, n), x: rows(x!, inSize, s0, n), weight: weight.value, dx: dx ? rows(dx, inSize, s0, n) : null,
            dweight: weight.grad!, dbias: bias ? bias.grad : null, col,
          },
          g,
          s0 > 0,
        ),
      );
      return [dx];
    },
  };
}

/** The scratch matrix: (samples per chunk) × H_in·W_in·F_h·F_w·K values, the chunk bounded by COL_LIMIT. */
function workspaceValues(node: NodeAnalysis, batch: number): number {
  if (!node.outputShape || node.inputShapes.length !== 1) return 0;
  const [inH, inW] = node.inputShapes[0];
  const weight = node.paramTensors.find((p) => p.name === 'weight');
  if (!weight) return 0;
  const [kh, kw, filters] = weight.shape;
  const perSample = inH * inW * kh * kw * filters;
  return Math.min(batch, Math.max(1, Math.floor(COL_LIMIT / perSample))) * perSample;
}

export const conv2dtransposeLayer: BlockLayer = {
  create: createConv2dTranspose,
  workspaceValues,
  gradCheck: { input: [3, 2, 2], attrs: { filters: 2, kernel: 3, stride: 2, padding: 1, outputPadding: 1 } },
};
