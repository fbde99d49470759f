/**
 * Inverted dropout: in training each value is kept with probability 1 − rate and scaled by 1/(1 − rate), so the
 * expected output equals the input and evaluation is the identity. The mask (0 or 1/(1 − rate)) is drawn from
 * the layer's seeded stream, and the backward is the mul gate: dx = dy ⊙ mask.
 */
import { Rng } from '../../random/rng';
import { sizeOf, type FloatArray } from '../../tensor/types';
import { attr, isNumber, noWorkspace, shapesOf, type BlockLayer, type Layer, type LayerContext, type Mode } from '../core/layer';
import { Workspace } from '../core/workspace';

function createDropout(ctx: LayerContext): Layer {
  const { node, backend } = ctx;
  const { output } = shapesOf(node);
  const rate = attr(node, 'rate', isNumber);
  const keep = 1 - rate;
  const size = sizeOf(output);
  const ws = new Workspace(ctx.dtype);
  let rng = ctx.noiseRng;
  let n = 0;
  let mode: Mode = 'eval';

  return {
    id: node.id,
    type: node.type,
    outputShape: output,
    params: [],
    forward(inputs: readonly FloatArray[], batch: number, m: Mode) {
      mode = m;
      n = batch * size;
      if (mode === 'eval' || rate === 0) return inputs[0];
      const mask = ws.get('mask', n);
      const scale = 1 / keep;
      for (let i = 0; i < n; i++) mask[i] = rng.uniform() < keep ? scale : 0;
      const y = ws.get('y', n);
      backend.multiply(inputs[0], mask, y, n);
      return y;
    },
    backward(dy: FloatArray) {
      if (!ctx.inputNeedsGrad[0]) return [null];
      if (mode === 'eval' || rate === 0) return [dy];
      const dx = ws.get('dx', n);
      backend.multiply(dy, ws.get('mask', n), dx, n);
      return [dx];
    },
    reseed(seed: number) {
      rng = new Rng(seed);
    },
  };
}

export const dropoutLayer: BlockLayer = {
  create: createDropout,
  workspaceValues: noWorkspace,
  gradCheck: { input: [3, 3, 2], attrs: { rate: 0.3 } },
};
