/**
 * Numerical gradient check of a whole model: the analytic gradient from backprop against centered differences
 *   ∂L/∂θ ≈ (L(θ + h) − L(θ − h)) / 2h
 * for every trainable tensor (a bounded random sample of the elements of big tensors) and for the input, on a small
 * random batch, in float64 by default. Relative error |a − n| / max(|a|, |n|, tiny): tiny keeps gradients that are
 * zero (or nearly, below what the differences can resolve) from dividing by ~0.
 *
 * Kinks (relu at 0, a max with a tie): for a smooth loss the differences with steps h and h/2 agree to O(h²); when
 * a kink lies within ±h they do not (its jump weighs differently in each), and the estimate itself is wrong. Elements
 * whose gradient disagrees and whose two estimates differ by more than half the tolerance are skipped and counted:
 * they cost coverage, never a false FAIL, and since the estimates do not involve backprop they cannot hide a wrong
 * gradient. (Elements that agree need no second estimate, which halves the cost.) Dropout draws the same masks on every
 * forward (its stream is reseeded), and batchnorm runs in training mode, so its batch statistics are checked too.
 */
import type { Graph } from '../graph/types';
import type { Backend } from '../kernels/backend';
import type { LossKind } from '../loss/loss';
import { GraphRunner } from '../model/runner';
import { Rng } from '../random/rng';
import type { GraphAnalysis } from '../shape/types';
import { allocate, sizeOf, type DType, type FloatArray } from '../tensor/types';

export interface GradCheckOptions {
  /** Samples in the random batch; default 4. */
  batch?: number;
  /** Seeds the weights, the batch, the targets, the dropout masks and the sampled elements; default 0. */
  seed?: number;
  dtype?: DType;
  /** Elements checked per tensor at most (sampled without replacement); default 24. */
  maxElements?: number;
  /** Default: cross-entropy for a vector output of ≥ 2 classes, mse otherwise. */
  loss?: LossKind;
  /** Finite-difference step h; default 1e-5 (float64) or 1e-2 (float32). */
  step?: number;
  /** Largest acceptable relative error; default 1e-5 (float64) or FLOAT32_TOLERANCE. */
  tolerance?: number;
  /** The kernels under test; default the cpu backend. */
  backend?: Backend;
  /** Called before each tensor is checked, so a long check on a big graph can show that it is moving. */
  onTensor?: (index: number, total: number, name: string) => void;
}

export interface TensorCheck {
  /** The parameter key (`node.name`) or "input". */
  readonly name: string;
  readonly shape: readonly number[];
  readonly checked: number;
  /** Elements skipped because a kink lies within ± step (the h and h/2 estimates disagree). */
  readonly skipped: number;
  readonly maxRelError: number;
  readonly ok: boolean;
}

export interface GradCheckReport {
  readonly loss: LossKind;
  readonly dtype: DType;
  readonly tolerance: number;
  readonly tensors: readonly TensorCheck[];
  readonly ok: boolean;
}

/**
 * float32 (h = 1e-2): measured with this module on small conv/relu/maxpool/dense, branch (add, concat, elu,
 * dropout) and maxout/tanh nets, seeds 2–3: max relative errors 1e-6 … 1.6e-3, from float32 rounding of the loss
 * (≈ 6e-8·|L|/h) and the h² truncation term. Exception: tensors just before a batchnorm, whose true gradient is ~0
 * (a conv bias there) or tiny, are dominated by that noise and cannot be checked in float32.
 */
export const FLOAT32_TOLERANCE = 1e-2;
/** Floor of the relative error's denominator: about what the differences can resolve at the default step. */
const TINY: Record<DType, number> = { float64: 1e-5, float32: 1e-3 };

export function gradientCheck(graph: Graph, analysis: GraphAnalysis, options: GradCheckOptions = {}): GradCheckReport {
  const dtype = options.dtype ?? 'float64';
  const seed = options.seed ?? 0;
  const batch = options.batch ?? 4;
  const h = options.step ?? (dtype === 'float64' ? 1e-5 : 1e-2);
  const tolerance = options.tolerance ?? (dtype === 'float64' ? 1e-5 : FLOAT32_TOLERANCE);
  const maxElements = options.maxElements ?? 24;
  const model = new GraphRunner(graph, analysis, { dtype, seed, inputGradient: true, backend: options.backend });
  const outSize = sizeOf(model.outputShape);
  const loss: LossKind = options.loss ?? (model.outputShape.length === 1 && outSize >= 2 ? 'cross-entropy' : 'mse');

  const rng = new Rng(seed + 1);
  const x = allocate(dtype, batch * sizeOf(model.inputShape));
  for (let i = 0; i < x.length; i++) x[i] = rng.normal();
  const targets = loss === 'cross-entropy' ? Int32Array.from({ length: batch }, () => rng.int(outSize)) : allocate(dtype, batch * outSize);
  if (!(targets instanceof Int32Array)) {
    for (let i = 0; i < targets.length; i++) targets[i] = loss === 'binary-cross-entropy' ? rng.uniform() : rng.normal();
  }

  const noiseSeed = seed + 2;
  const lossAt = (): number => {
    model.reseedNoise(noiseSeed);
    return model.step(x, batch, targets, loss, 'train', false).loss;
  };
  model.reseedNoise(noiseSeed);
  model.step(x, batch, targets, loss, 'train', true);
  const analytic = new Map<string, Float64Array>();
  for (const p of model.params) if (p.grad) analytic.set(p.key, Float64Array.from(p.grad));
  const inputGrad = model.inputGradient();

  const check = (name: string, shape: readonly number[], value: FloatArray, grad: ArrayLike<number> | null): TensorCheck => {
    let maxRelError = 0;
    let checked = 0;
    let skipped = 0;
    for (const i of sampleIndices(value.length, maxElements, rng)) {
      const original = value[i];
      const at = (delta: number): number => {
        value[i] = original + delta;
        const l = lossAt();
        value[i] = original;
        return l;
      };
      const a = grad ? grad[i] : 0;
      const numeric = (at(h) - at(-h)) / (2 * h);
      const rel = Math.abs(a - numeric) / Math.max(Math.abs(a), Math.abs(numeric), TINY[dtype]);
      if (!(rel <= tolerance)) {
        // Before calling it a failure, make sure the estimate is sound: smooth, the steps h and h/2 agree to O(h²);
        // a kink between θ − h and θ + h breaks that agreement.
        const half = (at(h / 2) - at(-h / 2)) / h;
        const scale = Math.max(Math.abs(numeric), Math.abs(half), TINY[dtype]);
        if (Math.abs(numeric - half) > 0.5 * tolerance * scale) {
          skipped++;
          continue;
        }
      }
      maxRelError = Math.max(maxRelError, Number.isNaN(rel) ? Infinity : rel);
      checked++;
    }
    return { name, shape, checked, skipped, maxRelError, ok: maxRelError <= tolerance };
  };

  const trainable = model.params.filter((p) => p.trainable);
  const total = trainable.length + 1;
  const tensors: TensorCheck[] = [];
  for (const p of trainable) {
    options.onTensor?.(tensors.length, total, p.key);
    tensors.push(check(p.key, p.shape, p.value, analytic.get(p.key) ?? null));
  }
  options.onTensor?.(tensors.length, total, 'input');
  tensors.push(check('input', [batch, ...model.inputShape], x, inputGrad ? Float64Array.from(inputGrad) : null));
  return { loss, dtype, tolerance, tensors, ok: tensors.every((t) => t.ok) };
}

/** All indices when there are few, else `max` distinct ones at random. */
function sampleIndices(n: number, max: number, rng: Rng): number[] {
  const all = Array.from({ length: n }, (_, i) => i);
  if (n <= max) return all;
  for (let i = 0; i < max; i++) {
    const j = i + rng.int(n - i);
    const t = all[i];
    all[i] = all[j];
    all[j] = t;
  }
  return all.slice(0, max).sort((a, b) => a - b);
}
