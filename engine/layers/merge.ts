/**
 * Merges. add: y = Σ inputs; the add gate hands dy unchanged to every input. concat: joins its inputs along the
 * last axis (channels) in edge order; its backward slices dy back into one piece per input.
 */
import { sizeOf, type FloatArray } from '../tensor/types';
import { LayerBuildError, Workspace, type Layer, type LayerContext, type Mode } from './layer';

function outputOf(ctx: LayerContext) {
  const { node } = ctx;
  if (!node.outputShape || node.inputShapes.length < 2) {
    throw new LayerBuildError(`node '${node.id}' (${node.type}): needs at least 2 inputs with known shapes`);
  }
  return node.outputShape;
}

export function createAdd(ctx: LayerContext): Layer {
  const { node, backend } = ctx;
  const output = outputOf(ctx);
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

export function createConcat(ctx: LayerContext): Layer {
  const { node, backend } = ctx;
  const output = outputOf(ctx);
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
