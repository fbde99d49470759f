/**
 * `npm run bench:gradient-flow`: what measuring gradient flow (engine/train/gradientFlow.ts) costs a run. LeNet-5
 * (examples/lenet5.nn.json: Adam, batch 32) trains one epoch on 2,000 bundled MNIST digits on the kernels training
 * picks, in this process, alternately with and without the measurement, ROUNDS times each (so both see the same
 * machine load); the median epoch times and their ratio are printed, with the cost of the measurement itself on a
 * sampled update (figures, not assertions).
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadDataset } from '../engine/data/load';
import { parseGraphText } from '../engine/graph/parse';
import { createBackend } from '../engine/kernels/select';
import { buildModel } from '../engine/model/model';
import { createOptimizer } from '../engine/optim/create';
import { analyzeGraph } from '../engine/shape/analyze';
import { resolveTrainingConfig } from '../engine/train/config';
import { GradientFlowMeter, samplingInterval } from '../engine/train/gradientFlow';
import { prepareTrainingData } from '../engine/train/prepare';
import { train } from '../engine/train/trainer';

const ROUNDS = Number(process.env.ROUNDS ?? 5);
const TRAIN = Number(process.env.TRAIN ?? 2000);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

async function main(): Promise<void> {
  const root = path.join(__dirname, '..', '..');
  const graph = parseGraphText(fs.readFileSync(path.join(root, 'examples', 'lenet5.nn.json'), 'utf8')).graph!;
  const analysis = analyzeGraph(graph);
  const config = { ...resolveTrainingConfig(graph.training).config, epochs: 1, loss: 'cross-entropy' as const };
  const kernels = await createBackend();
  const dataset = await loadDataset(`mnist?train=${TRAIN}&test=100`, {
    baseDir: root,
    inputShape: [28, 28, 1],
    seed: 1,
    dataDir: path.join(root, 'dist', 'data'),
  });
  const { data } = prepareTrainingData(dataset, { validationSplit: 0, normalize: true });
  const stepsPerEpoch = Math.ceil(data.train.count / config.batchSize);
  const every = samplingInterval(stepsPerEpoch);
  console.log(`LeNet-5, ${data.train.count} digits, batch ${config.batchSize} (${stepsPerEpoch} updates), kernels ${kernels.description}; measuring every ${every}th update`);

  const epoch = async (measure: boolean): Promise<number> => {
    const model = buildModel(graph, analysis, { seed: 1, backend: kernels.backend });
    const optimizer = createOptimizer(config, kernels.backend);
    const t0 = performance.now();
    await train({
      model, data, config, optimizer, progressIntervalMs: 1e9,
      ...(measure ? { gradientFlow: { nodes: analysis.order, onEpoch: () => undefined } } : {}),
    });
    return performance.now() - t0;
  };
  await epoch(false); // warm-up: WASM compilation, workspaces
  const off: number[] = [];
  const on: number[] = [];
  for (let r = 0; r < (process.env.MICRO_ONLY ? 0 : ROUNDS); r++) {
    off.push(await epoch(false));
    on.push(await epoch(true));
  }

  // The measurement's own work on one sampled update, timed alone: what the ratio above should be made of.
  const model = buildModel(graph, analysis, { seed: 1, backend: kernels.backend });
  const optimizer = createOptimizer(config, kernels.backend);
  const meter = new GradientFlowMeter(analysis.order, model.params, 1, optimizer.kernels);
  const x = data.train.x.subarray(0, config.batchSize * 784) as Float32Array;
  const y = (data.train.y as Int32Array).subarray(0, config.batchSize);
  const stepTimes: number[] = [];
  const meterTimes: number[] = [];
  const parts = { output: [] as number[], before: [] as number[], after: [] as number[] };
  for (let i = 0; i < 40; i++) {
    const t0 = performance.now();
    model.trainStep(x, config.batchSize, y, 'cross-entropy');
    const tPlain = performance.now();
    optimizer.step(model.params, 1e-4);
    const t1 = performance.now();
    model.trainStep(x, config.batchSize, y, 'cross-entropy', meter.outputSquares);
    const t2 = performance.now();
    meter.beforeUpdate();
    const tb = performance.now();
    optimizer.step(model.params, 1e-4);
    const ta = performance.now();
    meter.afterUpdate();
    const t3 = performance.now();
    stepTimes.push(t1 - t0);
    meterTimes.push(t3 - t1 - (t1 - t0)); // sampled step minus a plain one
    parts.output.push(t2 - t1 - (tPlain - t0));
    parts.before.push(tb - t2);
    parts.after.push(t3 - ta);
  }
  await kernels.dispose();

  const a = median(off);
  const b = median(on);
  console.log(`epoch without measurement  ${a.toFixed(0)} ms (median of ${ROUNDS}: ${off.map((t) => t.toFixed(0)).join(', ')})`);
  console.log(`epoch with measurement     ${b.toFixed(0)} ms (median of ${ROUNDS}: ${on.map((t) => t.toFixed(0)).join(', ')})`);
  console.log(`ratio with/without         ${(b / a).toFixed(3)} (${(((b - a) / a) * 100).toFixed(1)}%)`);
  const step = median(stepTimes);
  const extra = median(meterTimes);
  console.log(`of which: output-gradient sums ${median(parts.output).toFixed(3)} ms, gradient norms + weight copy ${median(parts.before).toFixed(3)} ms, update norms ${median(parts.after).toFixed(3)} ms`);
  console.log(`one update ${step.toFixed(2)} ms; a sampled one costs ${extra.toFixed(3)} ms more: ${((extra / step) * 100).toFixed(1)}% of a step, ${((extra / step / every) * 100).toFixed(2)}% of the run at every ${every}th`);
}

void main();
