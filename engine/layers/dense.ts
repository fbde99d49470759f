/**
 * Fully connected layers. dense: y = x·W + b (an image input is read as its H·W·C vector: NHWC memory already is).
 * Backward is the mul gate "switching" its inputs: dW = xᵀ·dy, dx = dy·Wᵀ, db = Σ_batch dy.
 * maxout: z = x·W + b with units·pieces columns (column u·pieces + j), y_u = max_j z; its backward routes dy to the
 * winning piece (the max gate) and then runs the dense backward on dz.
 */
import type { ParamTensor } from '../model/params';
import type { Backend } from '../kernels/backend';
import { sizeOf, type FloatArray } from '../tensor/types';
import { createParams } from './init';
import { attr, isBoolean, isNumber, shapesOf, Workspace, type Layer, type LayerContext, type Mode } from './layer';

/** The affine map shared by dense and maxout: forward into `z`, backward from `dz`. */
class Affine {
  private x: FloatArray | null = null;
  private batch = 0;

  constructor(
    private readonly backend: Backend,
    private readonly ws: Workspace,
    readonly nIn: number,
    readonly nOut: number,
    private readonly weight: ParamTensor,
    private readonly bias: ParamTensor | null,
    private readonly needInputGrad: boolean,
  ) {}

  forward(x: FloatArray, batch: number): FloatArray {
    this.x = x;
    this.batch = batch;
    const z = this.ws.get('z', batch * this.nOut);
    this.backend.matmul(x, this.weight.value, z, batch, this.nIn, this.nOut, false);
    if (this.bias) this.backend.addBias(z, this.bias.value, batch, this.nOut);
    return z;
  }

  backward(dz: FloatArray): FloatArray | null {
    const { backend, batch, nIn, nOut } = this;
    backend.matmulTransA(this.x!, dz, this.weight.grad!, nIn, batch, nOut, false);
    if (this.bias) backend.sumRows(dz, this.bias.grad!, batch, nOut);
    if (!this.needInputGrad) return null;
    const dx = this.ws.get('dx', batch * nIn);
    backend.matmulTransB(dz, this.weight.value, dx, batch, nOut, nIn, false);
    return dx;
  }
}

export function createDense(ctx: LayerContext): Layer {
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

export function createMaxout(ctx: LayerContext): Layer {
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
