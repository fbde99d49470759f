/**
 * Maxout: z = x·W + b with units·pieces columns (column u·pieces + j), y_u = max_j z; its backward routes dy to
 * the winning piece (the max gate) and then runs the affine map's backward on dz.
 */
import { sizeOf, type FloatArray } from '../../tensor/types';
import { createParams } from '../core/init';
import { attr, isNumber, noWorkspace, shapesOf, type BlockLayer, type Layer, type LayerContext, type Mode } from '../core/layer';
import { Workspace } from '../core/workspace';
import { Affine } from '../dense/affine';

function createMaxout(ctx: LayerContext): Layer {
  const { node, backend } = ctx;
  const { input, output } = shapesOf(node);
  const units = attr(node, 'units', isNumber);
  const pieces = attr(node, 'pieces', isNumber);
  const nIn = sizeOf(input);
  const lines = units * pieces;
  const params = createParams(ctx);
  const ws = new Workspace(ctx.dtype);
  const affine = new Affine(
    backend, ws, nIn, lines, params.get('weight', [nIn, lines]), params.get('bias', [lines]), ctx.inputNeedsGrad[0],
  );
  let batch = 0;
  let argmax: Int32Array = new Int32Array(0);
  return {
    id: node.id,
    type: node.type,
    outputShape: output,
    params: params.list,
    forward(inputs: readonly FloatArray[], b: number, _mode: Mode) {
      batch = b;
      const z = affine.forward(inputs[0], batch);
      const y = ws.get('y', batch * units);
      argmax = ws.getInt('argmax', batch * units);
      backend.maxoutForward(z, y, argmax, batch, units, pieces);
      return y;
    },
    backward(dy: FloatArray) {
      const dz = ws.get('dz', batch * lines);
      backend.maxoutBackward(dy, argmax, dz, batch, units, pieces);
      return [affine.backward(dz)];
    },
  };
}

export const maxoutLayer: BlockLayer = {
  create: createMaxout,
  workspaceValues: noWorkspace,
  gradCheck: { input: [4], attrs: { units: 3, pieces: 2 } },
};
