/**
 * Gradient flow during training, per node: ‖∂L/∂θ‖ (the node's trainable tensors as one vector), ‖∂L/∂output‖, and
 * ‖Δθ‖/‖θ‖ of the update the optimizer actually applied (after clipping, weight decay, momentum or Adam's scaling),
 * again over all of the node's trainable tensors together. Measured on every `every`-th update only and averaged
 * per epoch, so the cost is a few sums of squares and one copy of the weights per sampled step (the figures are in
 * README's Training section).
 *
 * Norms are L2 norms of the mean-over-the-batch loss's gradients, the numbers the optimizer sees.
 */
import type { OptimizerKernels } from '../kernels/backend';
import type { OutputGradientSquares } from '../model/model';
import type { ParamTensor } from '../model/params';
import type { FloatArray } from '../tensor/types';

/** One node's averages over the epoch's sampled updates; `null` where the node has no such quantity. */
export interface NodeGradientFlow {
  readonly node: string;
  /** Trainable values of the node (the ‖∂L/∂θ‖ and ‖θ‖ are over all of them); 0 for a node without. */
  readonly params: number;
  /** Mean over the samples of ‖∂L/∂θ‖₂ (before clipping); null for a node without trainable parameters. */
  readonly paramGradNorm: number | null;
  /** Mean over the samples of ‖∂L/∂output‖₂ over the batch; null when not computed (a fused final softmax, the input). */
  readonly outputGradNorm: number | null;
  /** Mean over the samples of ‖θ_after − θ_before‖₂ / ‖θ_before‖₂; null without trainable parameters. */
  readonly updateRatio: number | null;
}

export interface GradientFlowEpoch {
  /** 0-based, as in EpochMetrics. */
  readonly epoch: number;
  /** Updates averaged (one every `every`). */
  readonly samples: number;
  readonly every: number;
  /** In topological order. */
  readonly nodes: readonly NodeGradientFlow[];
}

/** About 20 samples per epoch, but never more often than every 5th update: the measurement costs nothing visible. */
export function samplingInterval(stepsPerEpoch: number): number {
  return Math.max(5, Math.floor(stepsPerEpoch / 20));
}

interface NodeParams {
  readonly node: string;
  readonly tensors: readonly ParamTensor[];
  readonly before: FloatArray[];
}

interface Sums {
  paramGrad: number;
  outputGrad: number;
  outputGradCount: number;
  update: number;
}

export class GradientFlowMeter {
  readonly outputSquares: OutputGradientSquares = new Map();
  private readonly byNode: NodeParams[];
  private readonly sums = new Map<string, Sums>();
  private pendingGrad = new Map<string, number>();
  private samples = 0;

  /** `nodes`: every node in topological order (those without parameters get output-gradient norms only). */
  constructor(
    private readonly nodes: readonly string[],
    params: readonly ParamTensor[],
    readonly every: number,
    private readonly kernels?: OptimizerKernels,
  ) {
    const trainable = params.filter((p) => p.trainable && p.grad);
    this.byNode = nodes
      .map((node) => {
        const tensors = trainable.filter((p) => p.node === node);
        return { node, tensors, before: tensors.map((p) => p.value.slice()) };
      })
      .filter((n) => n.tensors.length > 0);
    for (const node of nodes) this.sums.set(node, { paramGrad: 0, outputGrad: 0, outputGradCount: 0, update: 0 });
  }

  /** Whether the update with this 0-based global index is sampled. */
  isSampled(globalStep: number): boolean {
    return globalStep % this.every === 0;
  }

  /** After the backward of a sampled step, before clipping and the update: reads the gradients, keeps θ. */
  beforeUpdate(): void {
    this.pendingGrad = new Map();
    for (const n of this.byNode) {
      let sq = 0;
      n.tensors.forEach((p, i) => {
        sq += this.sumSquares(p.grad!, p.grad!.length);
        n.before[i].set(p.value);
      });
      this.pendingGrad.set(n.node, Math.sqrt(sq));
    }
  }

  /** After the optimizer's update of the same step: adds this sample to the epoch's sums. */
  afterUpdate(): void {
    for (const n of this.byNode) {
      let delta = 0;
      let weight = 0;
      for (let i = 0; i < n.tensors.length; i++) {
        const before = n.before[i];
        delta += squaredDistance(n.tensors[i].value, before, before.length);
        weight += this.sumSquares(before, before.length);
      }
      const s = this.sums.get(n.node)!;
      s.paramGrad += this.pendingGrad.get(n.node) ?? 0;
      // A tensor of zeros (a bias at the start) makes the ratio meaningless; the node's weights dominate it anyway.
      s.update += weight > 0 ? Math.sqrt(delta) / Math.sqrt(weight) : 0;
    }
    for (const [node, sq] of this.outputSquares) {
      const s = this.sums.get(node);
      if (!s) continue;
      s.outputGrad += Math.sqrt(sq);
      s.outputGradCount++;
    }
    this.outputSquares.clear();
    this.samples++;
  }

  /** The epoch's averages; starts the next epoch's sums. Null when no update of the epoch was sampled. */
  endEpoch(epoch: number): GradientFlowEpoch | null {
    if (this.samples === 0) return null;
    const counts = new Map(this.byNode.map((n) => [n.node, n.tensors.reduce((sum, p) => sum + p.value.length, 0)]));
    const nodes = this.nodes.map((node): NodeGradientFlow => {
      const s = this.sums.get(node)!;
      const has = counts.has(node);
      return {
        node,
        params: counts.get(node) ?? 0,
        paramGradNorm: has ? s.paramGrad / this.samples : null,
        outputGradNorm: s.outputGradCount > 0 ? s.outputGrad / s.outputGradCount : null,
        updateRatio: has ? s.update / this.samples : null,
      };
    });
    const result: GradientFlowEpoch = { epoch, samples: this.samples, every: this.every, nodes };
    for (const s of this.sums.values()) Object.assign(s, { paramGrad: 0, outputGrad: 0, outputGradCount: 0, update: 0 });
    this.samples = 0;
    return result;
  }

  private sumSquares(x: FloatArray, n: number): number {
    if (this.kernels) return this.kernels.sumSquares(x, n);
    if (x instanceof Float32Array) return sumSquares32(x, n);
    let sum = 0;
    for (let i = 0; i < n; i++) sum += x[i] * x[i];
    return sum;
  }
}

/** Σ (a − b)², in float64; monomorphic loops (one per array type) keep V8's element access fast. */
function squaredDistance(a: FloatArray, b: FloatArray, n: number): number {
  return a instanceof Float32Array && b instanceof Float32Array ? squaredDistance32(a, b, n) : squaredDistanceAny(a, b, n);
}

function squaredDistance32(a: Float32Array, b: Float32Array, n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const d = a[i] - b[i];
    sum += d * d;
  }
  return sum;
}

function squaredDistanceAny(a: FloatArray, b: FloatArray, n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const d = a[i] - b[i];
    sum += d * d;
  }
  return sum;
}

function sumSquares32(x: Float32Array, n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += x[i] * x[i];
  return sum;
}
