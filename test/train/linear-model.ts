/**
 * A hand-written softmax-regression model (one dense layer, cross-entropy or MSE) implementing the trainer's model
 * contract, so the training loop can be tested on its own. `poisonAtStep` makes its output NaN from that trainStep on.
 */
import type { ParamTensor } from '../../engine/model/params';
import type { TrainingLoss } from '../../engine/train/config';
import type { StepOutcome, TrainableModel } from '../../engine/train/model-contract';
import type { FloatArray } from '../../engine/tensor/types';
import { Rng } from '../../engine/random/rng';

export class LinearModel implements TrainableModel {
  readonly dtype = 'float32' as const;
  readonly inputShape: readonly number[];
  readonly outputShape: readonly number[];
  readonly params: ParamTensor[];
  trainSteps = 0;
  poisonAtStep = Infinity;
  private lastNonFinite: { node: string; where: 'output' | 'gradient' } | null = null;

  constructor(
    readonly inputs: number,
    readonly outputs: number,
    seed = 1,
  ) {
    this.inputShape = [inputs];
    this.outputShape = [outputs];
    const rng = new Rng(seed);
    const w = Float32Array.from({ length: inputs * outputs }, () => rng.normal() * 0.01);
    this.params = [
      { node: 'fc', name: 'weight', key: 'fc.weight', shape: [inputs, outputs], value: w, grad: new Float32Array(w.length), trainable: true, decay: true },
      { node: 'fc', name: 'bias', key: 'fc.bias', shape: [outputs], value: new Float32Array(outputs), grad: new Float32Array(outputs), trainable: true, decay: false },
    ];
  }

  forward(x: FloatArray, batch: number): Float32Array {
    const [w, b] = this.params;
    const out = new Float32Array(batch * this.outputs);
    for (let n = 0; n < batch; n++) {
      for (let o = 0; o < this.outputs; o++) {
        let s = b.value[o];
        for (let i = 0; i < this.inputs; i++) s += x[n * this.inputs + i] * w.value[i * this.outputs + o];
        out[n * this.outputs + o] = s;
      }
    }
    return out;
  }

  trainStep(x: FloatArray, batch: number, targets: Int32Array | FloatArray, loss: TrainingLoss): StepOutcome {
    this.trainSteps++;
    const result = this.run(x, batch, targets, loss, true);
    if (this.trainSteps >= this.poisonAtStep) {
      result.output.fill(NaN);
      this.lastNonFinite = { node: 'fc', where: 'output' };
      return { ...result, loss: NaN };
    }
    return result;
  }

  evaluate(x: FloatArray, batch: number, targets: Int32Array | FloatArray, loss: TrainingLoss): StepOutcome {
    return this.run(x, batch, targets, loss, false);
  }

  firstNonFinite() {
    return this.lastNonFinite;
  }

  private run(x: FloatArray, batch: number, targets: Int32Array | FloatArray, loss: TrainingLoss, backward: boolean) {
    const [w, b] = this.params;
    const out = this.forward(x, batch);
    const dOut = new Float32Array(out.length);
    let total = 0;
    let correct = 0;
    for (let n = 0; n < batch; n++) {
      const row = out.subarray(n * this.outputs, (n + 1) * this.outputs);
      if (loss === 'cross-entropy') {
        const label = targets[n];
        const max = Math.max(...row);
        let sum = 0;
        for (const v of row) sum += Math.exp(v - max);
        total += -(row[label] - max - Math.log(sum));
        let best = 0;
        for (let o = 0; o < this.outputs; o++) {
          dOut[n * this.outputs + o] = (Math.exp(row[o] - max) / sum - (o === label ? 1 : 0)) / batch;
          if (row[o] > row[best]) best = o;
        }
        if (best === label) correct++;
      } else {
        for (let o = 0; o < this.outputs; o++) {
          const d = row[o] - targets[n * this.outputs + o];
          total += (d * d) / this.outputs;
          dOut[n * this.outputs + o] = (2 * d) / (this.outputs * batch);
        }
      }
    }
    if (backward) {
      w.grad!.fill(0);
      b.grad!.fill(0);
      for (let n = 0; n < batch; n++) {
        for (let o = 0; o < this.outputs; o++) {
          const g = dOut[n * this.outputs + o];
          b.grad![o] += g;
          for (let i = 0; i < this.inputs; i++) w.grad![i * this.outputs + o] += x[n * this.inputs + i] * g;
        }
      }
    }
    return { loss: total / batch, correct, output: out };
  }
}

/** Gaussian blobs: class c centred at ±2 on axis c (separable, so a linear model reaches ~100%). */
export function blobs(count: number, classes: number, dims: number, seed: number) {
  const rng = new Rng(seed);
  const x = new Float32Array(count * dims);
  const y = new Int32Array(count);
  for (let n = 0; n < count; n++) {
    const c = n % classes;
    y[n] = c;
    for (let d = 0; d < dims; d++) x[n * dims + d] = rng.normal() * 0.5 + (d === c ? 2 : 0);
  }
  return { count, x, y };
}
