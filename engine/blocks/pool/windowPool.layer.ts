/**
 * Window pooling layers: max (the max gate: the gradient goes to the window's winner, recorded in the forward) and
 * average (the gradient spreads evenly over the window, padding counted in the mean).
 */
import type { PoolGeometry } from '../../kernels/backend';
import type { FloatArray } from '../../tensor/types';
import { attr, isPads, isPair, shapesOf, noWorkspace, type BlockLayer, type Layer, type LayerContext, type Mode } from '../core/layer';
import { Workspace } from '../core/workspace';

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

function createMaxPool(ctx: LayerContext): Layer {
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

function createAvgPool(ctx: LayerContext): Layer {
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

export const maxpool2dLayer: BlockLayer = {
  create: createMaxPool,
  workspaceValues: noWorkspace,
  gradCheck: { input: [5, 5, 2], attrs: { kernel: 3, stride: 2, padding: 1 } },
};

export const avgpool2dLayer: BlockLayer = {
  create: createAvgPool,
  workspaceValues: noWorkspace,
  gradCheck: { input: [5, 5, 2], attrs: { kernel: 3, stride: 2, padding: 1 } },
};
