/**
 * What a design costs: training and inference throughput of any graph on random data, and where a training step's
 * time goes, node by node (`wiregrad bench`).
 *
 * Two models are built from the same seed. The first is timed bare: its samples/s are what training gets (a step
 * is forward + loss + backward + the optimizer's update, as in the trainer; inference is a forward in eval mode).
 * The second has every layer wrapped in a timer (engine/bench/timedLayer.ts) and is run for the per-node split, so
 * the timers never slow the throughput figures. Per-node figures are means over the profiled steps (means add up
 * to the step; medians would not).
 */
import type { Graph } from '../graph/types';
import type { Backend } from '../kernels/backend';
import type { LossKind } from '../loss/loss';
import { GraphRunner } from '../model/runner';
import { createOptimizer } from '../optim/create';
import type { OptimizerKind } from '../optim/types';
import { Rng } from '../random/rng';
import type { GraphAnalysis } from '../shape/types';
import { sizeOf } from '../tensor/types';
import { timedLayer, type NodeClock } from './timedLayer';
import { timeSteps, type StepTimes, type TimingPlan } from './timing';

export interface GraphBenchSettings {
  readonly batch: number;
  readonly loss: LossKind;
  readonly optimizer: OptimizerKind;
  readonly learningRate: number;
  readonly momentum: number;
  readonly weightDecay: number;
  /** Seeds the weights and the random batch. */
  readonly seed: number;
  readonly plan: TimingPlan;
  /** Steps of the timed per-node pass (after one warm-up step). */
  readonly profileSteps: number;
}

export interface NodeCost {
  readonly id: string;
  readonly type: string;
  /** Mean milliseconds per training step in the node's forward (train mode) and backward. */
  readonly forwardMs: number;
  readonly backwardMs: number;
  readonly totalMs: number;
  /** Share of the profiled step's mean time, in percent. */
  readonly percent: number;
}

export interface GraphBenchResult {
  readonly batch: number;
  readonly loss: LossKind;
  readonly optimizer: OptimizerKind;
  readonly train: StepTimes;
  readonly infer: StepTimes;
  readonly trainSamplesPerSec: number;
  readonly inferSamplesPerSec: number;
  /** The profiled step's split; `nodes` sorted by cost, most expensive first. */
  readonly profile: {
    readonly steps: number;
    readonly stepMs: number;
    readonly nodes: readonly NodeCost[];
    /** The optimizer's update. */
    readonly optimizerMs: number;
    /** The loss, fan-out gradient sums and the runner's own bookkeeping (the step minus the nodes and the update). */
    readonly otherMs: number;
  };
  /** Loss on the fixed batch before the first and after the last timed update: it falls when the updates work. */
  readonly firstLoss: number;
  readonly lastLoss: number;
}

/** A fixed random batch: standard normal inputs; class indices for cross-entropy, standard normal targets for mse. */
export function randomBatch(inputSize: number, outputSize: number, batch: number, loss: LossKind, seed: number) {
  const rng = new Rng(seed);
  const x = new Float32Array(batch * inputSize);
  for (let i = 0; i < x.length; i++) x[i] = rng.normal();
  const targets = loss === 'cross-entropy' ? new Int32Array(batch) : new Float32Array(batch * outputSize);
  for (let i = 0; i < targets.length; i++) targets[i] = loss === 'cross-entropy' ? rng.int(outputSize) : rng.normal();
  return { x, targets };
}

export function benchGraph(graph: Graph, analysis: GraphAnalysis, backend: Backend, s: GraphBenchSettings): GraphBenchResult {
  const model = new GraphRunner(graph, analysis, { seed: s.seed, backend });
  const { x, targets } = randomBatch(sizeOf(model.inputShape), sizeOf(model.outputShape), s.batch, s.loss, s.seed ^ 0x5eed);
  const optimizer = createOptimizer(s);
  let firstLoss = NaN;
  let lastLoss = NaN;
  const train = timeSteps(() => {
    const r = model.trainStep(x, s.batch, targets, s.loss);
    optimizer.step(model.params, s.learningRate);
    if (Number.isNaN(firstLoss)) firstLoss = r.loss;
    lastLoss = r.loss;
  }, s.plan);
  const infer = timeSteps(() => model.forward(x, s.batch, 'eval'), s.plan);

  const clocks: NodeClock[] = [];
  const profiled = new GraphRunner(graph, analysis, {
    seed: s.seed,
    backend,
    wrapLayer: (layer) => {
      const clock: NodeClock = { id: layer.id, type: layer.type, forwardMs: 0, backwardMs: 0 };
      clocks.push(clock);
      return timedLayer(layer, clock);
    },
  });
  const profileOptimizer = createOptimizer(s);
  const profileStep = () => {
    profiled.trainStep(x, s.batch, targets, s.loss);
    const t0 = performance.now();
    profileOptimizer.step(profiled.params, s.learningRate);
    return performance.now() - t0;
  };
  profileStep();
  for (const c of clocks) c.forwardMs = c.backwardMs = 0;
  let optimizerMs = 0;
  const t0 = performance.now();
  for (let i = 0; i < s.profileSteps; i++) optimizerMs += profileStep();
  const steps = s.profileSteps;
  const stepMs = (performance.now() - t0) / steps;
  optimizerMs /= steps;
  const nodes: NodeCost[] = clocks
    // The input node does nothing worth a row.
    .filter((c) => c.type !== 'input')
    .map((c) => {
      const forwardMs = c.forwardMs / steps;
      const backwardMs = c.backwardMs / steps;
      return { id: c.id, type: c.type, forwardMs, backwardMs, totalMs: forwardMs + backwardMs, percent: (100 * (forwardMs + backwardMs)) / stepMs };
    })
    .sort((a, b) => b.totalMs - a.totalMs);
  const nodesMs = nodes.reduce((sum, n) => sum + n.totalMs, 0);
  return {
    batch: s.batch,
    loss: s.loss,
    optimizer: s.optimizer,
    train,
    infer,
    trainSamplesPerSec: (s.batch * 1000) / train.medianMs,
    inferSamplesPerSec: (s.batch * 1000) / infer.medianMs,
    profile: { steps, stepMs, nodes, optimizerMs, otherMs: Math.max(0, stepMs - nodesMs - optimizerMs) },
    firstLoss,
    lastLoss,
  };
}
