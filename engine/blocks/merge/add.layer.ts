/** add: y = Σ inputs; the add gate hands dy unchanged to every input. */
import { sizeOf, type FloatArray } from '../../tensor/types';
import { noWorkspace, type BlockLayer, type Layer, type LayerContext, type Mode } from '../core/layer';
import { Workspace } from '../core/workspace';
import { mergeOutput } from './mergeOutput';

function createAdd(ctx: LayerContext): Layer {
  const { node, backend } = ctx;
  const output = mergeOutput(ctx);
  const size = sizeOf(output);
  const ws = new Workspace(ctx.dtype);
  return {
    id: node.id,
    type: node.type,
    outputShape: output,
    params: [],
    forward(inputs: readonly FloatArray[], batch: number, _mode: Mode) {
      const n = batch * size;
      const y = ws.get('y', n);
      y.set(inputs[0].subarray(0, n));
      for (let i = 1; i < inputs.length; i++) backend.addInto(y, inputs[i], n);
      return y;
    },
    // The same buffer for every input: the runner only reads gradients, and adds them when a node fans out.
    backward: (dy: FloatArray) => ctx.inputNeedsGrad.map((need) => (need ? dy : null)),
  };
}

export const addLayer: BlockLayer = {
  create: createAdd,
  workspaceValues: noWorkspace,
  gradCheck: { input: [2, 2, 2], inputs: 2 },
};
