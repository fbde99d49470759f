/** concat: joins its inputs along the last axis (channels) in edge order; its backward slices dy back into one piece per input. */
import { sizeOf, type FloatArray } from '../../tensor/types';
import { noWorkspace, type BlockLayer, type Layer, type LayerContext, type Mode } from '../core/layer';
import { Workspace } from '../core/workspace';
import { mergeOutput } from './mergeOutput';

function createConcat(ctx: LayerContext): Layer {
  const { node, backend } = ctx;
  const output = mergeOutput(ctx);
  const outCols = output[output.length - 1];
  const rowsPerSample = sizeOf(output) / outCols;
  const widths = node.inputShapes.map((s) => s[s.length - 1]);
  const ws = new Workspace(ctx.dtype);
  let rows = 0;
  return {
    id: node.id,
    type: node.type,
    outputShape: output,
    params: [],
    forward(inputs: readonly FloatArray[], batch: number, _mode: Mode) {
      rows = batch * rowsPerSample;
      const y = ws.get('y', rows * outCols);
      let offset = 0;
      inputs.forEach((x, i) => {
        backend.copyColumns(x, y, rows, widths[i], outCols, offset);
        offset += widths[i];
      });
      return y;
    },
    backward(dy: FloatArray) {
      let offset = 0;
      return widths.map((width, i) => {
        const start = offset;
        offset += width;
        if (!ctx.inputNeedsGrad[i]) return null;
        const dx = ws.get(`dx${i}`, rows * width);
        backend.sliceColumns(dy, dx, rows, width, outCols, start);
        return dx;
      });
    },
  };
}

export const concatLayer: BlockLayer = {
  create: createConcat,
  workspaceValues: noWorkspace,
  gradCheck: { input: [2, 2, 2], inputs: 3 },
};
