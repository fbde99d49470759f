/**
 * conv2d: y = x ⊛ W + b (im2col + matmul in the backend). The forward keeps its im2col matrix, which is exactly
 * what the filter gradient needs (dW = colᵀ·dy); the input gradient is the transposed product scattered back.
 */
import type { ConvGeometry } from '../kernels/backend';
import type { ParamTensor } from '../model/params';
import type { FloatArray } from '../tensor/types';
import { createParams } from './init';
import { attr, isBoolean, isNumber, isPads, isPair, shapesOf, Workspace, type Layer, type LayerContext, type Mode } from './layer';

export function createConv2d(ctx: LayerContext): Layer {
  const { node, backend } = ctx;
  const { input, output } = shapesOf(node);
  const [kh, kw] = attr(node, 'kernel', isPair);
  const [sh, sw] = attr(node, 'stride', isPair);
  const [dh, dw] = attr(node, 'dilation', isPair);
  const [padTop, , padLeft] = attr(node, 'padding', isPads);
  const filters = attr(node, 'filters', isNumber);
  const hasBias = attr(node, 'bias', isBoolean);
  const [inH, inW, inC] = input;
  const [outH, outW] = output;
  const params = createParams(ctx);
  const weight = params.get('weight', [kh, kw, inC, filters]);
  const bias: ParamTensor | null = hasBias ? params.get('bias', [filters]) : null;
  const ws = new Workspace(ctx.dtype);
  const patch = kh * kw * inC;
  let g: ConvGeometry | null = null;
  let col: FloatArray | null = null;

  return {
    id: node.id,
    type: node.type,
    outputShape: output,
    params: params.list,
    forward(inputs: readonly FloatArray[], batch: number, _mode: Mode) {
      g = {
        batch, inH, inW, inC, outH, outW, outC: filters, kernelH: kh, kernelW: kw,
        strideH: sh, strideW: sw, dilationH: dh, dilationW: dw, padTop, padLeft,
      };
      const rows = batch * outH * outW;
      col = ws.get('col', rows * patch);
      const y = ws.get('y', rows * filters);
      backend.conv2dForward(inputs[0], weight.value, bias ? bias.value : null, y, col, g);
      return y;
    },
    backward(dy: FloatArray) {
      if (!g || !col) throw new Error(`conv2d '${node.id}': backward before forward`);
      backend.conv2dBackwardFilter(dy, col, weight.grad!, bias ? bias.grad : null, g);
      if (!ctx.inputNeedsGrad[0]) return [null];
      const dx = ws.get('dx', g.batch * inH * inW * inC);
      backend.conv2dBackwardInput(dy, weight.value, dx, ws.get('dcol', col.length), g);
      return [dx];
    },
  };
}
