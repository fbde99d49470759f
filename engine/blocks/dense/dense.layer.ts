/**
 * Dense: y = x·W + b (an image input is read as its H·W·C vector: NHWC memory already is). The affine map and its
 * backward (dW = xᵀ·dy, dx = dy·Wᵀ, db = Σ_batch dy) are in ./affine.ts, shared with maxout.
 */
import { sizeOf, type FloatArray } from '../../tensor/types';
import { createParams } from '../core/init';
import { attr, isBoolean, isNumber, noWorkspace, shapesOf, type BlockLayer, type Layer, type LayerContext, type Mode } from '../core/layer';
import { Workspace } from '../core/workspace';
import { Affine } from './affine';

function createDense(ctx: LayerContext): Layer {
  const { node } = ctx;
  const { input, output } = shapesOf(node);
  const units = attr(node, 'units', isNumber);
  const hasBias = attr(node, 'bias', isBoolean);
  const nIn = sizeOf(input);
  const params = createParams(ctx);
  const weight = params.get('weight', [nIn, units]);
  const bias = hasBias ? params.get('bias', [units]) : null;
  const affine = new Affine(ctx.backend, new Workspace(ctx.dtype), nIn, units, weight, bias, ctx.inputNeedsGrad[0]);
  return {
    id: node.id,
    type: node.type,
    outputShape: output,
    params: params.list,
    forward: (inputs: readonly FloatArray[], batch: number, _mode: Mode) => affine.forward(inputs[0], batch),
    backward: (dy: FloatArray) => [affine.backward(dy)],
  };
}

export const denseLayer: BlockLayer = {
  create: createDense,
  workspaceValues: noWorkspace,
  gradCheck: { input: [2, 2, 2], attrs: { units: 3 } },
};
