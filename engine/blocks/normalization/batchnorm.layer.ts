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
      if (mode === 'train') {
        backend.batchNormTrainForward(
          x, gamma.value, beta.value, y, ws.get('xhat', rows * C), invStd,
          runningMean.value, runningVar.value, rows, C, epsilon, momentum,
        );
      } else {
        backend.batchNormEvalForward(x, gamma.value, beta.value, runningMean.value, runningVar.value, y, rows, C, epsilon);
      }
      return y;
    },
    backward(dy: FloatArray) {
      const dx = ws.get('dx', rows * C);
      if (mode === 'train') {
        backend.batchNormBackward(dy, ws.get('xhat', rows * C), gamma.value, invStd, dx, gamma.grad!, beta.grad!, rows, C);
      } else {
        backend.batchNormEvalBackward(
          dy, x!, gamma.value, runningMean.value, runningVar.value, dx, gamma.grad!, beta.grad!, rows, C, epsilon,
        );
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
