/**
 * "x2": the lecture's Maxout example, learning f(x) = x² on [−1, 1] (a convex function, which a maxout unit can
 * approximate piece by piece). Training inputs are uniform at random (seeded); test inputs are evenly spaced from −1
 * to 1, so the learned curve can be plotted over them. Input shape [1], target [1].
 */
import { Rng } from '../random/rng';
import type { LoadContext } from './context';
import { DataError } from './errors';
import { shapeAsWritten } from '../shape/format';
import type { DataSplit, Dataset } from './types';

export const X2_DEFAULT_TRAIN = 1000;
export const X2_DEFAULT_TEST = 200;

export function squareTarget(x: number): number {
  return x * x;
}

function split(xs: Float32Array): DataSplit {
  return { count: xs.length, x: xs, y: xs.map(squareTarget) };
}

export function loadX2(ctx: LoadContext): Dataset {
  ctx.options.rejectUnknown();
  if (ctx.inputShape && !(ctx.inputShape.length === 1 && ctx.inputShape[0] === 1)) {
    throw new DataError(`x2: the data set's inputs are [1] (one number x) but the graph's input is ${shapeAsWritten(ctx.inputShape)}; use an input of shape [1]`, {
      kind: 'input-shape',
      shape: [1],
    });
  }
  const rng = new Rng(ctx.seed);
  const trainX = new Float32Array(ctx.trainCount ?? X2_DEFAULT_TRAIN).map(() => 2 * rng.uniform() - 1);
  const testCount = ctx.testCount ?? X2_DEFAULT_TEST;
  const testX = new Float32Array(testCount).map((_, i) => (testCount === 1 ? 0 : -1 + (2 * i) / (testCount - 1)));
  return {
    name: 'x² on [−1, 1] (regression)',
    spec: ctx.spec,
    inputShape: [1],
    task: 'regression',
    numClasses: 1,
    classNames: ['x²'],
    train: split(trainX),
    test: split(testX),
  };
}
