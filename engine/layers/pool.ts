/**
 * Pooling layers: max (the max gate: the gradient goes to the window's winner, recorded in the forward), average
 * (the gradient spreads evenly over the window) and global average (H×W×C → C).
 */
import type { PoolGeometry } from '../kernels/backend';
import type { FloatArray } from '../tensor/types';
import { attr, isPads, isPair, shapesOf, Workspace, type Layer, type LayerContext, type Mode } from './layer';

function geometry(ctx: LayerContext, batch: number): PoolGeometry {
  const { node } = ctx;
  const { input, output } = shapesOf(node);
  const [kernelH, kernelW] = attr(node, 'kernel', isPair);
  const [strideH, strideW] = attr(node, 'stride', isPair);
  const [padTop, , padLeft] = attr(node, 'padding', isPads);
  return {
    batch, inH: input[0], inW: input[1], channels: input[2], outH: output[0], outW: output[1],
    kernelH, kernelW, strideH, strideW, padTop, padLeft,
  };
}

export function createMaxPool(ctx: LayerContext): Layer {
  const { node, backend } = ctx;
  let g = geometry(ctx, 0);
  const inSize = g.inH * g.inW * g.channels;
  const outSize = g.outH * g.outW * g.channels;
  const ws = new Workspace(ctx.dtype);
  let argmax: Int32Array = new Int32Array(0);
  return {
    id: node.id,
    type: node.type,
    outputShape: node.outputShape!,
    params: [],
    forward(inputs: readonly FloatArray[], batch: number, _mode: Mode) {
      g = { ...g, batch };
      const y = ws.get('y', batch * outSize);
      argmax = ws.getInt('argmax', batch * outSize);
      backend.maxPoolForward(inputs[0], y, argmax, g);
      return y;
    },
    backward(dy: FloatArray) {
      if (!ctx.inputNeedsGrad[0]) return [null];
      const dx = ws.get('dx', g.batch * inSize);
      backend.maxPoolBackward(dy, argmax, dx, g);
      return [dx];
    },
  };
}

export function createAvgPool(ctx: LayerContext): Layer {
  const { node, backend } = ctx;
  let g = geometry(ctx, 0);
  const inSize = g.inH * g.inW * g.channels;
  const outSize = g.outH * g.outW * g.channels;
  const ws = new Workspace(ctx.dtype);
  return {
    id: node.id,
    type: node.type,
    outputShape: node.outputShape!,
    params: [],
    forward(inputs: readonly FloatArray[], batch: number, _mode: Mode) {
      g = { ...g, batch };
      const y = ws.get('y', batch * outSize);
      backend.avgPoolForward(inputs[0], y, g);
      return y;
    },
    backward(dy: FloatArray) {
      if (!ctx.inputNeedsGrad[0]) return [null];
      const dx = ws.get('dx', g.batch * inSize);
      backend.avgPoolBackward(dy, dx, g);
      return [dx];
    },
  };
}

export function createGlobalAvgPool(ctx: LayerContext): Layer {
  const { node, backend } = ctx;
  const { input } = shapesOf(node);
  const pixels = input[0] * input[1];
  const channels = input[2];
  const ws = new Workspace(ctx.dtype);
  let batch = 0;
  return {
    id: node.id,
    type: node.type,
    outputShape: node.outputShape!,
    params: [],
    forward(inputs: readonly FloatArray[], b: number, _mode: Mode) {
      batch = b;
      const y = ws.get('y', batch * channels);
      backend.globalAvgPoolForward(inputs[0], y, batch, pixels, channels);
      return y;
    },
    backward(dy: FloatArray) {
      if (!ctx.inputNeedsGrad[0]) return [null];
      const dx = ws.get('dx', batch * pixels * channels);
      backend.globalAvgPoolBackward(dy, dx, batch, pixels, channels);
      return [dx];
    },
  };
}
