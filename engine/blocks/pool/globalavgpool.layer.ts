/** Global average pooling, H×W×C → C: each channel's mean; the backward spreads dy/(H·W) over the channel's pixels. */
import type { FloatArray } from '../../tensor/types';
import { noWorkspace, shapesOf, type BlockLayer, type Layer, type LayerContext, type Mode } from '../core/layer';
import { Workspace } from '../core/workspace';

function createGlobalAvgPool(ctx: LayerContext): Layer {
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

export const globalavgpoolLayer: BlockLayer = {
  create: createGlobalAvgPool,
  workspaceValues: noWorkspace,
  gradCheck: { input: [3, 3, 2] },
};
