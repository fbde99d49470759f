/**
 * Delivers a fixed-size image set (MNIST, the shapes set, IDX files) in the graph's input shape: the native
 * [H, W, C]; the same values flattened to [H·W·C] for an MLP; grey ↔ RGB when the input asks for 1 or 3 channels; a
 * larger canvas with the image centred on zero padding (LeCun's LeNet-5 read MNIST as 32×32 this way).
 * Anything else is a DataError naming both shapes.
 */
import { formatBytes, shapeAsWritten } from '../shape/format';
import type { ImageShape, Shape } from '../shape/types';
import { sizeOf } from '../tensor/types';
import { convertChannels } from './channels';
import { DataError } from './errors';

export interface FittedImages {
  readonly x: Float32Array;
  readonly shape: Shape;
}

/** Checks that an image input shape is whole, positive and has 1 or 3 channels; `source` names the data for errors. */
export function checkImageTarget(target: Shape, source: string): asserts target is ImageShape {
  if (target.length !== 3 || target.some((d) => !Number.isInteger(d) || d < 1)) {
    throw new DataError(`${source}: holds images, but the graph's input shape is ${shapeAsWritten(target)}; use an image shape [height, width, channels]`);
  }
  if (target[2] !== 1 && target[2] !== 3) {
    throw new DataError(`${source}: the graph's input ${shapeAsWritten(target)} has ${target[2]} channels; images can be delivered with 1 (grey) or 3 (RGB) channels`);
  }
}

export function fitImages(
  x: Float32Array, count: number, native: ImageShape, target: Shape | undefined, source: string, maxBytes = Number.POSITIVE_INFINITY,
): FittedImages {
  if (!target || sameShape(target, native)) return { x, shape: native };
  const mismatch = () =>
    new DataError(
      `${source}: the data set's images are ${shapeAsWritten(native)} but the graph's input is ${shapeAsWritten(target)}; ` +
        `use ${shapeAsWritten(native)}, [${sizeOf(native)}] for an MLP, ${native[2] === 1 ? 3 : 1} channels, or a larger canvas`,
    );
  if (target.length === 1) {
    if (target[0] === sizeOf(native)) return { x, shape: target };
    throw mismatch();
  }
  if (target.length !== 3) throw mismatch();
  checkImageTarget(target, source);
  const [h, w, c] = native;
  const [th, tw, tc] = target;
  if (th < h || tw < w) throw mismatch();
  const top = Math.floor((th - h) / 2);
  const left = Math.floor((tw - w) / 2);
  const inSize = h * w * c;
  const outSize = th * tw * tc;
  // A large canvas multiplies the set's size (10,000 digits on 1024×1024 are 40 GB): refuse by the numbers.
  if (count * outSize * 4 > maxBytes) {
    throw new DataError(
      `${source}: ${count.toLocaleString('en-US')} images on the graph's ${shapeAsWritten(target)} input would take about ${formatBytes(count * outSize * 4)}, ` +
        `over the memory budget of ${formatBytes(maxBytes)}; use a smaller input, or fewer samples (train= / test= in the data-set spec)`,
    );
  }
  const out = new Float32Array(count * outSize);
  for (let n = 0; n < count; n++) {
    const image = tc === c ? x.subarray(n * inSize, (n + 1) * inSize) : convertChannels(x.subarray(n * inSize, (n + 1) * inSize), h * w, c, tc as 1 | 3);
    for (let y = 0; y < h; y++) {
      out.set(image.subarray(y * w * tc, (y + 1) * w * tc), n * outSize + ((y + top) * tw + left) * tc);
    }
  }
  return { x: out, shape: target };
}

function sameShape(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}
