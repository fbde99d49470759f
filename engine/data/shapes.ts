/**
 * "shapes": a generated colour image set standing in for CIFAR-10 (none can be had offline). 32×32×3, ten classes
 * told apart by shape only: every image draws its colours, position, size, rotation, background gradient and noise at
 * random, so a network has to learn edges and corners, not colours. Deterministic from the seed.
 *
 * Classes: circle, square, triangle, cross, ring, horizontal stripes, vertical stripes, diamond, star, checkerboard.
 * Square, cross, diamond and the stripes turn by at most ±15° (a square turned 45° would be a diamond, horizontal
 * stripes turned 90° vertical ones); triangle and star turn freely; the diamond is also narrower than tall.
 */
import { Rng } from '../random/rng';
import { formatBytes } from '../shape/format';
import { sizeOf } from '../tensor/types';
import type { LoadContext } from './context';
import { DataError } from './errors';
import { fitImages } from './imageFit';
import { coverage, placePolygon, plusPolygon, polygonDistance, regularPolygon, starPolygon, stripeDistance, type Point } from './shapeGeometry';
import type { Dataset } from './types';

export const SHAPE_CLASSES = [
  'circle',
  'square',
  'triangle',
  'cross',
  'ring',
  'horizontal stripes',
  'vertical stripes',
  'diamond',
  'star',
  'checkerboard',
] as const;

export const SHAPES_SIZE = 32;
export const SHAPES_DEFAULT_TRAIN = 5000;
export const SHAPES_DEFAULT_TEST = 1000;

const SMALL_TURN = (15 * Math.PI) / 180;
const SQUARE: Point[] = [[-1, -1], [1, -1], [1, 1], [-1, 1]];
const RHOMBUS: Point[] = [[0, -1], [1, 0], [0, 1], [-1, 0]];
const TRIANGLE = regularPolygon(3);

/** Which pixels a drawn shape covers (0..1), and the box outside which it covers nothing. */
interface Drawing {
  readonly cover: (px: number, py: number) => number;
  readonly box: readonly [x0: number, y0: number, x1: number, y1: number];
}

function between(rng: Rng, lo: number, hi: number): number {
  return lo + (hi - lo) * rng.uniform();
}

function polygonDrawing(local: readonly Point[], sx: number, sy: number, angle: number, cx: number, cy: number): Drawing {
  const { vx, vy } = placePolygon(local, sx, sy, angle, cx, cy);
  return {
    cover: (px, py) => coverage(polygonDistance(px, py, vx, vy)),
    box: [Math.min(...vx) - 1, Math.min(...vy) - 1, Math.max(...vx) + 1, Math.max(...vy) + 1],
  };
}

function discDrawing(cx: number, cy: number, distance: (r: number) => number, outer: number): Drawing {
  return {
    cover: (px, py) => coverage(distance(Math.hypot(px - cx, py - cy))),
    box: [cx - outer - 1, cy - outer - 1, cx + outer + 1, cy + outer + 1],
  };
}

function texture(cover: (px: number, py: number) => number, size: number): Drawing {
  return { cover, box: [0, 0, size, size] };
}

/** Draws class `label`'s geometry with random size, position and rotation. */
function drawShape(label: number, rng: Rng, size: number): Drawing {
  const r = between(rng, 0.25, 0.4) * size; // outer radius: 8 to 12.8 pixels at 32×32
  const cx = between(rng, r + 1, size - r - 1);
  const cy = between(rng, r + 1, size - r - 1);
  const smallTurn = between(rng, -SMALL_TURN, SMALL_TURN);
  const anyTurn = between(rng, 0, 2 * Math.PI);
  const period = between(rng, 0.14, 0.25) * size; // stripes and checks: 4.5 to 8 pixels
  const phase = between(rng, 0, period);
  const cos = Math.cos(smallTurn);
  const sin = Math.sin(smallTurn);
  switch (SHAPE_CLASSES[label]) {
    case 'circle':
      return discDrawing(cx, cy, (d) => d - r, r);
    case 'square':
      return polygonDrawing(SQUARE, r * 0.75, r * 0.75, smallTurn, cx, cy);
    case 'triangle':
      return polygonDrawing(TRIANGLE, r, r, anyTurn, cx, cy);
    case 'cross':
      return polygonDrawing(plusPolygon(between(rng, 0.22, 0.34)), r, r, smallTurn, cx, cy);
    case 'ring': {
      const thickness = between(rng, 0.18, 0.3) * r;
      return discDrawing(cx, cy, (d) => Math.abs(d - (r - thickness)) - thickness, r);
    }
    case 'horizontal stripes':
      return texture((px, py) => coverage(stripeDistance(-sin * px + cos * py + phase, period)), size);
    case 'vertical stripes':
      return texture((px, py) => coverage(stripeDistance(cos * px + sin * py + phase, period)), size);
    case 'diamond':
      return polygonDrawing(RHOMBUS, r * between(rng, 0.55, 0.75), r, smallTurn, cx, cy);
    case 'star':
      return polygonDrawing(starPolygon(5, between(rng, 0.35, 0.45)), r, r, anyTurn, cx, cy);
    case 'checkerboard':
      return texture((px, py) => {
        const a = coverage(stripeDistance(cos * px + sin * py + phase, period));
        const b = coverage(stripeDistance(-sin * px + cos * py + phase, period));
        return a * (1 - b) + b * (1 - a);
      }, size);
  }
}

function randomColour(rng: Rng): [number, number, number] {
  return [rng.uniform(), rng.uniform(), rng.uniform()];
}

/** A foreground colour at least 0.45 away (Euclidean, RGB in 0..1) from the background, so the shape is visible. */
function contrastingColour(rng: Rng, bg: readonly number[]): [number, number, number] {
  for (let attempt = 0; attempt < 32; attempt++) {
    const c = randomColour(rng);
    if (Math.hypot(c[0] - bg[0], c[1] - bg[1], c[2] - bg[2]) >= 0.45) return c;
  }
  return [1 - bg[0], 1 - bg[1], 1 - bg[2]];
}

/** Where a rendering also writes its mask: size × size values, 1 where the shape covers at least half a pixel, else 0. */
export interface MaskTarget {
  readonly out: Float32Array;
  readonly offset: number;
}

/**
 * Renders one image of class `label` into `out` at `offset` (size × size × 3 values in 0..1), and its mask when
 * asked (the random draws are the same either way, so the image does not depend on whether a mask is wanted).
 */
export function renderShapeImage(label: number, rng: Rng, out: Float32Array, offset: number, size = SHAPES_SIZE, mask?: MaskTarget): void {
  const bg = randomColour(rng);
  const fg = contrastingColour(rng, bg);
  // Background: a linear gradient along a random direction; each channel changes by up to ±0.3 across the image.
  const gradAngle = between(rng, 0, 2 * Math.PI);
  const gx = Math.cos(gradAngle) / size;
  const gy = Math.sin(gradAngle) / size;
  const grad = [between(rng, -0.3, 0.3), between(rng, -0.3, 0.3), between(rng, -0.3, 0.3)];
  const noise = between(rng, 0, 0.06) * Math.sqrt(3); // uniform noise of standard deviation 0 to 0.06
  const drawing = drawShape(label, rng, size);
  const [x0, y0, x1, y1] = drawing.box;
  let bits = rng.nextUint32() | 1; // xorshift32 state: any value but 0
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const px = x + 0.5;
      const py = y + 0.5;
      const a = px >= x0 && px <= x1 && py >= y0 && py <= y1 ? drawing.cover(px, py) : 0;
      const t = (px - size / 2) * gx + (py - size / 2) * gy;
      // Pixel noise comes from a xorshift32 stream seeded by `rng` once per image: the noise needs no statistical
      // finesse, and a local generator is several times faster than a method call per pixel. One 32-bit draw gives
      // the three channels' noise, a byte each, uniform in [−1, 1].
      bits ^= bits << 13;
      bits ^= bits >>> 17;
      bits ^= bits << 5;
      if (mask) mask.out[mask.offset + y * size + x] = a >= 0.5 ? 1 : 0;
      const o = offset + (y * size + x) * 3;
      out[o] = clamp01(mix(bg[0] + grad[0] * t, fg[0], a) + noise * ((bits & 0xff) / 127.5 - 1));
      out[o + 1] = clamp01(mix(bg[1] + grad[1] * t, fg[1], a) + noise * (((bits >>> 8) & 0xff) / 127.5 - 1));
      out[o + 2] = clamp01(mix(bg[2] + grad[2] * t, fg[2], a) + noise * (((bits >>> 16) & 0xff) / 127.5 - 1));
    }
  }
}

function mix(back: number, front: number, a: number): number {
  return back + (front - back) * a;
}

function clamp01(v: number): number {
  return v < 0 ? 0 : v > 1 ? 1 : v;
}

/** `count` images with balanced classes in a shuffled order. */
export function generateShapes(count: number, rng: Rng, size = SHAPES_SIZE): { x: Float32Array; y: Int32Array } {
  const y = new Int32Array(count);
  for (let i = 0; i < count; i++) y[i] = i % SHAPE_CLASSES.length;
  rng.shuffle(y);
  const x = new Float32Array(count * size * size * 3);
  for (let i = 0; i < count; i++) renderShapeImage(y[i], rng, x, i * size * size * 3, size);
  return { x, y };
}

export function loadShapes(ctx: LoadContext): Dataset {
  ctx.options.rejectUnknown();
  const rng = new Rng(ctx.seed);
  const trainRng = rng.fork();
  const testRng = rng.fork();
  const native = [SHAPES_SIZE, SHAPES_SIZE, 3] as const;
  const fitted = fitImages(new Float32Array(0), 0, native, ctx.inputShape, 'shapes'); // a shape mismatch fails before generating
  const trainCount = ctx.trainCount ?? SHAPES_DEFAULT_TRAIN;
  const testCount = ctx.testCount ?? SHAPES_DEFAULT_TEST;
  // Generated at 32×32×3, then fitted to the input (a second copy when it differs), all float32.
  const refitted = fitted.shape.length !== native.length || fitted.shape.some((d, i) => d !== native[i]);
  const bytes = (trainCount + testCount) * (sizeOf(native) + (refitted ? sizeOf(fitted.shape) : 0)) * 4;
  if (bytes > ctx.maxBytes) {
    throw new DataError(
      `shapes: ${trainCount.toLocaleString('en-US')} train + ${testCount.toLocaleString('en-US')} test images would take about ${formatBytes(bytes)}, ` +
        `over the memory budget of ${formatBytes(ctx.maxBytes)}; lower train= or test= in the data-set spec`,
    );
  }
  const train = generateShapes(trainCount, trainRng);
  const test = generateShapes(testCount, testRng);
  const fittedTrain = fitImages(train.x, train.y.length, native, ctx.inputShape, 'shapes');
  const fittedTest = fitImages(test.x, test.y.length, native, ctx.inputShape, 'shapes');
  return {
    name: `Shapes (generated, ${SHAPE_CLASSES.length} classes, seed ${ctx.seed})`,
    spec: ctx.spec,
    inputShape: fittedTrain.shape,
    task: 'classification',
    numClasses: SHAPE_CLASSES.length,
    classNames: SHAPE_CLASSES,
    train: { count: train.y.length, x: fittedTrain.x, y: train.y },
    test: { count: test.y.length, x: fittedTest.x, y: test.y },
  };
}
