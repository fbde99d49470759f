/**
 * Softmax over the last axis (channels of an image, the features of a vector): y = e^x / Σ e^x, computed stably.
 * Backward: dx = y ⊙ (dy − Σ dy ⊙ y) per row (as the last node with cross-entropy, the runner fuses the two and
 * this backward is skipped).
 */
import { sizeOf, type FloatArray } from '../../tensor/types';
import { noWorkspace, shapesOf, type BlockLayer, type Layer, type LayerContext, type Mode } from '../core/layer';
import { Workspace } from '../core/workspace';

function createSoftmax(ctx: LayerContext): Layer {
  const { node, backend } = ctx;
  const { output } = shapesOf(node);
  const cols = output[output.length - 1];
  const rowsPerSample = sizeOf(output) / cols;
  const ws = new Workspace(ctx.dtype);
  let y: FloatArray | null = null;
  let rows = 0;
  return {
    id: node.id,
    type: node.type,
    outputShape: output,
    params: [],
    forward(inputs: readonly FloatArray[], batch: number, _mode: Mode) {
      rows = batch * rowsPerSample;
      y = ws.get('y', rows * cols);
      backend.softmaxForward(inputs[0], y, rows, cols);
      return y;
    },
    backward(dy: FloatArray) {
      if (!ctx.inputNeedsGrad[0]) return [null];
      const dx = ws.get('dx', rows * cols);
      backend.softmaxBackward(y!, dy, dx, rows, cols);
      return [dx];
    },
  };
}

export const softmaxLayer: BlockLayer = {
  create: createSoftmax,
  workspaceValues: noWorkspace,
  gradCheck: { input: [2, 2, 3] },
};
