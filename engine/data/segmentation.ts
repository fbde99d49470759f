/**
 * "segmentation": the generated shapes with their masks, for a network that answers "which pixels are the shape?"
 * (a U-Net's task) rather than "which shape is it?". Each image is one of the seven object classes of the shapes
 * set (circle, square, triangle, cross, ring, diamond, star; the stripe and checkerboard textures cover the whole
 * image and have no outline to find), drawn exactly as there — random colours with a contrast of at least 0.45,
 * position, size, rotation, background gradient and noise — and its target is the mask: 1 where the shape covers
 * at least half a pixel, 0 elsewhere, one value per pixel ([S, S, 1] flattened). Deterministic from the seed.
 *
 * The size follows the graph's input [S, S, 3] (8 ≤ S ≤ 256, default 32); the task is per-pixel regression with
 * S·S targets per image, for the `mse` or the `binary-cross-entropy` loss (with a final 1-channel sigmoid).
 */
import { Rng } from '../random/rng';
import type { LoadContext } from './context';
import { DataError } from './errors';
import { formatBytes, shapeAsWritten } from '../shape/format';
import { renderShapeImage, SHAPE_CLASSES } from './shapes';
import type { DataSplit, Dataset } from './types';

export const SEGMENTATION_DEFAULT_TRAIN = 2000;
export const SEGMENTATION_DEFAULT_TEST = 400;
export const SEGMENTATION_DEFAULT_SIZE = 32;
const MIN_SIZE = 8;
const MAX_SIZE = 256;

/** The shapes-set classes that are objects with an outline (their indices in SHAPE_CLASSES). */
export const OBJECT_CLASSES: readonly number[] = ['circle', 'square', 'triangle', 'cross', 'ring', 'diamond', 'star'].map((name) =>
  SHAPE_CLASSES.indexOf(name as (typeof SHAPE_CLASSES)[number]),
);

/** `count` images (size × size × 3) and their masks (size × size), the object classes in turn, in a shuffled order. */
export function generateSegmentation(count: number, rng: Rng, size = SEGMENTATION_DEFAULT_SIZE): { x: Float32Array; y: Float32Array } {
  const labels = Int32Array.from({ length: count }, (_, i) => OBJECT_CLASSES[i % OBJECT_CLASSES.length]);
  rng.shuffle(labels);
  const pixels = size * size;
  const x = new Float32Array(count * pixels * 3);
  const y = new Float32Array(count * pixels);
  for (let i = 0; i < count; i++) renderShapeImage(labels[i], rng, x, i * pixels * 3, size, { out: y, offset: i * pixels });
  return { x, y };
}

function imageSize(ctx: LoadContext): number {
  const shape = ctx.inputShape;
  if (!shape) return SEGMENTATION_DEFAULT_SIZE;
  if (shape.length !== 3 || shape[2] !== 3 || shape[0] !== shape[1] || shape[0] < MIN_SIZE || shape[0] > MAX_SIZE) {
    throw new DataError(
      `segmentation: the data set's images are square RGB [S, S, 3] with S from ${MIN_SIZE} to ${MAX_SIZE} (e.g. [32, 32, 3]), ` +
        `but the graph's input is ${shapeAsWritten(shape)}`,
    );
  }
  return shape[0];
}

export function loadSegmentation(ctx: LoadContext): Dataset {
  ctx.options.rejectUnknown();
  const size = imageSize(ctx);
  const trainCount = ctx.trainCount ?? SEGMENTATION_DEFAULT_TRAIN;
  const testCount = ctx.testCount ?? SEGMENTATION_DEFAULT_TEST;
  const bytes = (trainCount + testCount) * size * size * 4 * 4; // 3 image channels + 1 mask value, float32
  if (bytes > ctx.maxBytes) {
    throw new DataError(
      `segmentation: ${trainCount.toLocaleString('en-US')} train + ${testCount.toLocaleString('en-US')} test images of ${size}×${size} ` +
        `with their masks would take about ${formatBytes(bytes)}, over the memory budget of ${formatBytes(ctx.maxBytes)}; lower train= or test= in the data-set spec`,
    );
  }
  const rng = new Rng(ctx.seed);
  const trainRng = rng.fork();
  const testRng = rng.fork();
  const split = (count: number, r: Rng): DataSplit => {
    const { x, y } = generateSegmentation(count, r, size);
    return { count, x, y };
  };
  return {
    name: `Segmentation (generated shapes with masks, ${size}×${size}, seed ${ctx.seed})`,
    spec: ctx.spec,
    inputShape: [size, size, 3],
    task: 'regression',
    numClasses: size * size,
    classNames: ['mask'],
    train: split(trainCount, trainRng),
    test: split(testCount, testRng),
  };
}
