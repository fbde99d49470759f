/**
 * Layer normalisation over the last axis: an image batch [N, H, W, C] is N·H·W rows of C channels, each row
 * normalised on its own. The forward keeps x̂ and each row's 1/σ for the backward.
 */
import type { NodeAnalysis } from '../../shape/types';
import { sizeOf, type FloatArray } from '../../tensor/types';
import { createParams } from '../core/init';
import { attr, isNumber, shapesOf, type BlockLayer, type Layer, type LayerContext, type Mode } from '../core/layer';
import { Workspace } from '../core/workspace';

function createLayerNorm(ctx: LayerContext): Layer {
  const { node, backend } = ctx;
  const { output } = shapesOf(node);
  const C = output[output.length - 1];
  const rowsPerSample = sizeOf(output) / C;
  const epsilon = attr(node, 'epsilon', isNumber);
  const params = createParams(ctx);
  const gamma = params.get('gamma', [C]);
  const beta = params.get('beta', [C]);
  const ws = new Workspace(ctx.dtype);
  let rows = 0;
  return {
    id: node.id,
    type: node.type,
    outputShape: output,
    params: params.list,
    forward(inputs: readonly FloatArray[], batch: number, _mode: Mode) {
      rows = batch * rowsPerSample;
      const y = ws.get('y', rows * C);
      backend.layerNormForward(
        { x: inputs[0], gamma: gamma.value, beta: beta.value, y, xhat: ws.get('xhat', rows * C), invStd: ws.get('invStd', rows) },
        rows, C, epsilon,
      );
      return y;
    },
    backward(dy: FloatArray) {
      const dx = ws.get('dx', rows * C);
      backend.layerNormBackward(
        { dy, xhat: ws.get('xhat', rows * C), gamma: gamma.value, invStd: ws.get('invStd', rows), dx, dgamma: gamma.grad!, dbeta: beta.grad! },
        rows, C,
      );
      return [ctx.inputNeedsGrad[0] ? dx : null];
    },
  };
}

/** x̂ (the output's size) and one 1/σ per row. */
function workspaceValues(node: NodeAnalysis, batch: number): number {
  if (!node.outputShape) return 0;
  const n = sizeOf(node.outputShape);
  return batch * (n + n / node.outputShape[node.outputShape.length - 1]);
}

export const layernormLayer: BlockLayer = {
  create: createLayerNorm,
  workspaceValues,
  gradCheck: { input: [2, 2, 4] },
};
