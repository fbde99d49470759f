/**
 * Elementwise activations and softmax. Each keeps its input and output from the forward, which is all its local
 * derivative needs (relu′ from x, sigmoid′ = y(1 − y), tanh′ = 1 − y², elu′ = y + α for x ≤ 0).
 */
import type { ActivationKind } from '../kernels/backend';
import { sizeOf, type FloatArray } from '../tensor/types';
import { attr, isNumber, shapesOf, Workspace, type Layer, type LayerContext, type Mode } from './layer';

/** Kinds with a slope/scale attribute (its default is applied by the shape engine). */
const WITH_ALPHA: ReadonlySet<ActivationKind> = new Set(['leakyrelu', 'elu']);

export function createActivation(kind: ActivationKind) {
  return (ctx: LayerContext): Layer => {
    const { node, backend } = ctx;
    const { output } = shapesOf(node);
    const alpha = WITH_ALPHA.has(kind) ? attr(node, 'alpha', isNumber) : 0;
    const size = sizeOf(output);
    const ws = new Workspace(ctx.dtype);
    let x: FloatArray | null = null;
    let y: FloatArray | null = null;
    let n = 0;
    return {
      id: node.id,
      type: node.type,
      outputShape: output,
      params: [],
      forward(inputs: readonly FloatArray[], batch: number, _mode: Mode) {
        n = batch * size;
        x = inputs[0];
        y = ws.get('y', n);
        backend.activationForward(kind, x, y, n, alpha);
        return y;
      },
      backward(dy: FloatArray) {
        if (!ctx.inputNeedsGrad[0]) return [null];
        const dx = ws.get('dx', n);
        backend.activationBackward(kind, x!, y!, dy, dx, n, alpha);
        return [dx];
      },
    };
  };
}

/** Softmax over the last axis (channels of an image, the features of a vector). */
export function createSoftmax(ctx: LayerContext): Layer {
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
