/** Global max pooling, H×W×C → C: the max gate per channel; the backward routes dy to the pixel that won. */
import type { NodeAnalysis } from '../../shape/types';
import type { FloatArray } from '../../tensor/types';
import { shapesOf, type BlockLayer, type Layer, type LayerContext, type Mode } from '../core/layer';
import { Workspace } from '../core/workspace';

function createGlobalMaxPool(ctx: LayerContext): Layer {
  const { node, backend } = ctx;
  const { input } = shapesOf(node);
  const pixels = input[0] * input[1];
  const channels = input[2];
  const ws = new Workspace(ctx.dtype);
  let batch = 0;
  let argmax: Int32Array | null = null;
  return {
    id: node.id,
    type: node.type,
    outputShape: node.outputShape!,
    params: [],
    forward(inputs: readonly FloatArray[], b: number, _mode: Mode) {
      batch = b;
      const y = ws.get('y', batch * channels);
      argmax = ws.getInt('argmax', batch * channels);
      backend.globalMaxPoolForward(inputs[0], y, argmax, batch, pixels, channels);
      return y;
    },
    backward(dy: FloatArray) {
      if (!ctx.inputNeedsGrad[0]) return [null];
      const dx = ws.get('dx', batch * pixels * channels);
      backend.globalMaxPoolBackward(dy, argmax!, dx, batch, pixels, channels);
      return [dx];
    },
  };
}

/** The winners' indices: one int32 per output value (counted as one value each). */
function workspaceValues(node: NodeAnalysis, batch: number): number {
  return node.outputShape ? batch * node.outputShape[0] : 0;
}

export const globalmaxpoolLayer: BlockLayer = {
  create: createGlobalMaxPool,
  workspaceValues,
  gradCheck: { input: [3, 3, 2] },
};
