/**
 * Batch normalisation over the last axis: an image batch [N, H, W, C] is N·H·W rows of C channels.
 * Training normalises with the batch's statistics (and updates the running ones); evaluation uses the running
 * statistics, which makes the layer a fixed affine map per channel.
 */
import { sizeOf, type FloatArray } from '../../tensor/types';
import { createParams } from '../core/init';
import { attr, isNumber, noWorkspace, shapesOf, type BlockLayer, type Layer, type LayerContext, type Mode } from '../core/layer';
import { Workspace } from '../core/workspace';

function createBatchNorm(ctx: LayerContext): Layer {
  const { node, backend } = ctx;
  const { output } = shapesOf(node);
  const C = output[output.length - 1];
  const rowsPerSample = sizeOf(output) / C;
  const epsilon = attr(node, 'epsilon', isNumber);
  const momentum = attr(node, 'momentum', isNumber);
  const params = createParams(ctx);
  const gamma = params.get('gamma', [C]);
  const beta = params.get('beta', [C]);
  const runningMean = params.get('running_mean', [C]);
  const runningVar = params.get('running_var', [C]);
  const ws = new Workspace(ctx.dtype);
  const invStd = ws.get('invStd', C);
  let rows = 0;
  let mode: Mode = 'train';
  let x: FloatArray | null = null;

  return {
    id: node.id,
    type: node.type,
    outputShape: output,
    params: params.list,
    forward(inputs: readonly FloatArray[], batch: number, m: Mode) {
      mode = m;
      rows = batch * rowsPerSample;
      x = inputs[0];
      const y = ws.get('y', rows * C);
      const channel = { gamma: gamma.value, beta: beta.value, runningMean: runningMean.value, runningVar: runningVar.value };
      if (mode === 'train') {
        backend.batchNormTrainForward({ x, y, xhat: ws.get('xhat', rows * C), invStd, ...channel, rows, channels: C, epsilon, momentum });
      } else {
        backend.batchNormEvalForward({ x, y, ...channel, rows, channels: C, epsilon });
      }
      return y;
    },
    backward(dy: FloatArray) {
      const dx = ws.get('dx', rows * C);
      const grads = { dx, dgamma: gamma.grad!, dbeta: beta.grad!, rows, channels: C };
      if (mode === 'train') {
        backend.batchNormBackward({ dy, xhat: ws.get('xhat', rows * C), gamma: gamma.value, invStd, ...grads });
      } else {
        backend.batchNormEvalBackward({
          dy, x: x!, gamma: gamma.value, runningMean: runningMean.value, runningVar: runningVar.value, ...grads, epsilon,
        });
      }
      return [ctx.inputNeedsGrad[0] ? dx : null];
    },
  };
}

export const batchnormLayer: BlockLayer = {
  create: createBatchNorm,
  workspaceValues: noWorkspace,
  gradCheck: { input: [2, 2, 3] },
};
