/**
 * The affine map z = x·W + b shared by dense and maxout. Backward is the mul gate "switching" its inputs:
 * dW = xᵀ·dy, dx = dy·Wᵀ, db = Σ_batch dy.
 */
import type { Backend } from '../../kernels/backend';
import type { ParamTensor } from '../../model/params';
import type { FloatArray } from '../../tensor/types';
import type { Workspace } from '../core/workspace';

/** The affine map shared by dense and maxout: forward into `z`, backward from `dz`. */
export class Affine {
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
