/**
 * Reads the byte format scripts/build-data.mjs writes for bundled image sets (dist/data/mnist-10k.bin):
 * a 32-byte header ("WGDS", version 1, header size, count, height, width, channels, classes, CRC-32 of the payload),
 * then uint8 pixels (HWC, sample after sample), then one uint8 label per sample. The script documents the offsets.
 */
import zlib from 'node:zlib';
import type { ImageShape } from '../shape/types';
import { DataError } from './errors';

export const BUNDLED_HEADER_BYTES = 32;
const MAGIC = 'WGDS';
const VERSION = 1;

export interface BundledImages {
  readonly count: number;
  readonly shape: ImageShape;
  readonly numClasses: number;
  /** count × H·W·C bytes. */
  readonly pixels: Uint8Array;
  /** count labels in [0, numClasses). */
  readonly labels: Uint8Array;
}

export function decodeBundledImages(bytes: Uint8Array, file: string): BundledImages {
  const corrupt = (what: string) => new DataError(`${file}: not a valid wiregrad data file (${what}); rebuild it with: npm run build`);
  if (bytes.length < BUNDLED_HEADER_BYTES) throw corrupt(`only ${bytes.length} bytes`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = String.fromCharCode(bytes[0], bytes[1], bytes[2], bytes[3]);
  if (magic !== MAGIC) throw corrupt('bad magic number');
  const version = view.getUint16(4, true);
  if (version !== VERSION) throw corrupt(`format version ${version}, this wiregrad reads version ${VERSION}`);
  if (view.getUint16(6, true) !== BUNDLED_HEADER_BYTES) throw corrupt('bad header size');
  const count = view.getUint32(8, true);
  const shape: ImageShape = [view.getUint16(12, true), view.getUint16(14, true), view.getUint16(16, true)];
  const numClasses = view.getUint16(18, true);
  const crc = view.getUint32(20, true);
  const sampleSize = shape[0] * shape[1] * shape[2];
  const expected = BUNDLED_HEADER_BYTES + count * sampleSize + count;
  if (sampleSize === 0 || numClasses === 0) throw corrupt('empty image shape or no classes');
  if (bytes.length !== expected) throw corrupt(`${bytes.length} bytes where the header promises ${expected}: truncated or damaged`);
  const payload = bytes.subarray(BUNDLED_HEADER_BYTES);
  if (zlib.crc32(payload) >>> 0 !== crc) throw corrupt('checksum mismatch: damaged');
  const pixels = payload.subarray(0, count * sampleSize);
  const labels = payload.subarray(count * sampleSize);
  for (let i = 0; i < count; i++) if (labels[i] >= numClasses) throw corrupt(`label ${labels[i]} of sample ${i} is not below ${numClasses}`);
  return { count, shape, numClasses, pixels, labels };
}
