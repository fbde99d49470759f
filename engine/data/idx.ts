/**
 * "idx:IMAGES,LABELS" or "idx:TRAIN_IMAGES,TRAIN_LABELS;TEST_IMAGES,TEST_LABELS" (?classes=N): image and label
 * files in the IDX format (MNIST, Fashion-MNIST, optionally gzipped). Images [N, H, W] become [H, W, 1],
 * [N, H, W, C] stay [H, W, C], [N, F] are vectors [F]; uint8 values are scaled to 0..1. Labels [N] are class indices
 * (classes = the largest label + 1 unless given). With one pair, a stratified `testFraction` is held out (seeded).
 */
import path from 'node:path';
import { Rng } from '../random/rng';
import type { Shape } from '../shape/types';
import { sizeOf } from '../tensor/types';
import type { LoadContext } from './context';
import { DataError } from './errors';
import { readFileBytes } from './files';
import { shapeAsWritten } from '../shape/format';
import { fitImages } from './imageFit';
import { decodeIdx } from './idxFormat';
import { gather, limitSplit, stratifiedSplit } from './split';
import type { DataSplit, Dataset } from './types';

interface IdxPair {
  readonly x: Float32Array;
  readonly y: Int32Array;
  readonly shape: Shape;
  readonly imagesFile: string;
}

function readPair(imagesFile: string, labelsFile: string, classes: number | undefined, maxBytes: number): IdxPair {
  const images = decodeIdx(readFileBytes(imagesFile), imagesFile, maxBytes);
  const labels = decodeIdx(readFileBytes(labelsFile), labelsFile, maxBytes);
  if (images.dims.length < 2 || images.dims.length > 4) {
    throw new DataError(`${imagesFile}: IDX images must have 2 to 4 dimensions ([N, F], [N, H, W] or [N, H, W, C]), not [${images.dims.join(', ')}]`);
  }
  if (labels.dims.length !== 1) throw new DataError(`${labelsFile}: IDX labels must have one dimension [N], not [${labels.dims.join(', ')}]`);
  const count = images.dims[0];
  if (labels.dims[0] !== count) throw new DataError(`${labelsFile}: ${labels.dims[0]} labels for the ${count} images of ${imagesFile}`);
  const shape: Shape = images.dims.length === 3 ? [images.dims[1], images.dims[2], 1] : images.dims.slice(1);
  if (shape.length === 3 && shape[2] !== 1 && shape[2] !== 3) {
    throw new DataError(`${imagesFile}: images with ${shape[2]} channels; 1 (grey) or 3 (RGB) are supported`);
  }
  const scale = images.type === 0x08 ? 1 / 255 : 1;
  const x = Float32Array.from(images.values, (v) => v * scale);
  const y = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const v = labels.values[i];
    if (!Number.isInteger(v) || v < 0 || (classes !== undefined && v >= classes)) {
      const range = classes !== undefined ? `0 to ${classes - 1}` : 'whole numbers from 0';
      throw new DataError(`${labelsFile}: label ${v} of sample ${i} is out of range (${range})`);
    }
    y[i] = v;
  }
  return { x, y, shape, imagesFile };
}

function fit(pair: IdxPair, target: Shape | undefined): { x: Float32Array; shape: Shape } {
  if (pair.shape.length === 3) return fitImages(pair.x, pair.y.length, pair.shape as [number, number, number], target, pair.imagesFile);
  if (!target || sizeOf(target) === sizeOf(pair.shape)) return { x: pair.x, shape: target ?? pair.shape };
  throw new DataError(`${pair.imagesFile}: the data set's inputs are ${shapeAsWritten(pair.shape)} but the graph's input is ${shapeAsWritten(target)}`);
}

function parseFiles(ctx: LoadContext): string[][] {
  const groups = ctx.argument.split(';').map((g) => g.split(',').map((f) => f.trim()));
  if (groups.length > 2 || groups.some((g) => g.length !== 2 || g.some((f) => !f))) {
    throw new DataError(`data-set spec '${ctx.spec}': idx wants IMAGES,LABELS or TRAIN_IMAGES,TRAIN_LABELS;TEST_IMAGES,TEST_LABELS`);
  }
  return groups.map((g) => g.map((f) => path.resolve(ctx.baseDir, f)));
}

export function loadIdx(ctx: LoadContext): Dataset {
  const classesOption = ctx.options.integer('classes', 2, 65535);
  ctx.options.rejectUnknown();
  const files = parseFiles(ctx);
  const pairs = files.map(([images, labels]) => readPair(images, labels, classesOption, ctx.maxBytes));
  const [first, second] = pairs;
  if (second && shapeAsWritten(second.shape) !== shapeAsWritten(first.shape)) {
    throw new DataError(`${second.imagesFile}: test samples are ${shapeAsWritten(second.shape)} but training samples are ${shapeAsWritten(first.shape)}`);
  }
  const numClasses = classesOption ?? Math.max(...pairs.map((p) => p.y.reduce((m, v) => Math.max(m, v), 0))) + 1;
  if (numClasses < 2) throw new DataError(`${files[0][1]}: every label is 0; a classifier needs at least two classes`);
  const fitted = pairs.map((p) => fit(p, ctx.inputShape));
  const shape = fitted[0].shape;
  const size = sizeOf(shape);
  const rng = new Rng(ctx.seed);
  let train: DataSplit;
  let test: DataSplit;
  if (second) {
    const all = (p: IdxPair, x: Float32Array) => {
      const order = Array.from({ length: p.y.length }, (_, i) => i);
      rng.shuffle(order);
      return gather(x, p.y, size, 1, order);
    };
    train = all(first, fitted[0].x);
    test = all(second, fitted[1].x);
  } else {
    const split = stratifiedSplit(first.y, numClasses, ctx.testFraction, rng);
    train = gather(fitted[0].x, first.y, size, 1, split.train);
    test = gather(fitted[0].x, first.y, size, 1, split.test);
  }
  return {
    name: `IDX ${path.basename(files[0][0])}`,
    spec: ctx.spec,
    inputShape: shape,
    task: 'classification',
    numClasses,
    classNames: Array.from({ length: numClasses }, (_, i) => String(i)),
    train: limitSplit(train, ctx.trainCount, size, 1),
    test: limitSplit(test, ctx.testCount, size, 1),
  };
}
