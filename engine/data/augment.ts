/**
 * Image augmentation applied per batch, drawn from the trainer's seeded Rng (never Math.random, so a run replays):
 * a random crop after zero padding (each side padded by `crop` pixels, then an H×W window cut at a random offset,
 * i.e. a shift by −crop..+crop pixels with zeros filling in) and then a random horizontal flip (probability ½).
 * This is the standard CIFAR recipe (pad 4, crop 32, flip). Zeros are zeros of whatever `x` holds: after
 * normalisation they are the channel mean.
 */
import type { Rng } from '../random/rng';
import type { Shape } from '../shape/types';
import { DataError } from './errors';
import { shapeAsWritten } from '../shape/format';

export interface AugmentOptions {
  /** Mirror left–right with probability ½. */
  readonly flip?: boolean;
  /** Zero padding on each side before the random crop, in pixels (0 = no crop). */
  readonly crop?: number;
}

/**
 * Writes one sample shifted by (dy, dx) — output pixel (y, x) reads input (y + dy, x + dx), zero outside — and then
 * mirrored when `flip`. `src` and `out` hold [H, W, C] starting at their offsets.
 */
export function shiftAndFlip(
  src: Float32Array,
  srcOffset: number,
  out: Float32Array,
  outOffset: number,
  shape: readonly [number, number, number],
  dy: number,
  dx: number,
  flip: boolean,
): void {
  const [h, w, c] = shape;
  for (let y = 0; y < h; y++) {
    const sy = y + dy;
    for (let x = 0; x < w; x++) {
      const sx = (flip ? w - 1 - x : x) + dx;
      const o = outOffset + (y * w + x) * c;
      if (sy < 0 || sy >= h || sx < 0 || sx >= w) {
        out.fill(0, o, o + c);
      } else {
        const s = srcOffset + (sy * w + sx) * c;
        for (let ch = 0; ch < c; ch++) out[o + ch] = src[s + ch];
      }
    }
  }
}

/**
 * Augments a batch of `count` images into `out` (a new array unless given; may not be `x` itself). Draws, per sample
 * in order: the flip coin (if flip), then dy and dx (if crop).
 */
export function augmentBatch(x: Float32Array, count: number, shape: Shape, options: AugmentOptions, rng: Rng, out?: Float32Array): Float32Array {
  if (shape.length !== 3) throw new DataError(`augmentation (flip, crop) needs image inputs [H, W, C], not ${shapeAsWritten(shape)}`);
  const pad = options.crop ?? 0;
  if (!Number.isInteger(pad) || pad < 0) throw new DataError(`augmentation crop padding must be a whole number of pixels ≥ 0, not ${pad}`);
  const size = shape[0] * shape[1] * shape[2];
  const target = out ?? new Float32Array(count * size);
  if (target === x) throw new Error('augmentBatch: out must not be the input array');
  for (let n = 0; n < count; n++) {
    const flip = options.flip ? rng.uniform() < 0.5 : false;
    const dy = pad ? rng.int(2 * pad + 1) - pad : 0;
    const dx = pad ? rng.int(2 * pad + 1) - pad : 0;
    shiftAndFlip(x, n * size, target, n * size, shape as [number, number, number], dy, dx, flip);
  }
  return target;
}
