/** Decodes PNG (pngjs) and JPEG (jpeg-js) files to 8-bit RGBA, recognising the format by its first bytes. */
import * as jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { DataError } from './errors';

export interface DecodedImage {
  readonly width: number;
  readonly height: number;
  /** width × height × 4 bytes, RGBA. */
  readonly rgba: Uint8Array;
}

export const IMAGE_EXTENSIONS = ['.png', '.jpg', '.jpeg'] as const;

function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47;
}

function isJpeg(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

export function decodeImage(bytes: Buffer, file: string): DecodedImage {
  let image: DecodedImage;
  try {
    if (isPng(bytes)) {
      const png = PNG.sync.read(bytes);
      image = { width: png.width, height: png.height, rgba: png.data };
    } else if (isJpeg(bytes)) {
      const jpg = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: 256 });
      image = { width: jpg.width, height: jpg.height, rgba: jpg.data };
    } else {
      throw new DataError(`${file}: not a PNG or JPEG image (its first bytes are neither format's signature)`);
    }
  } catch (err) {
    if (err instanceof DataError) throw err;
    throw new DataError(`${file}: corrupt or unreadable image (${err instanceof Error ? err.message : String(err)})`);
  }
  if (!(image.width > 0 && image.height > 0) || image.rgba.length < image.width * image.height * 4) {
    throw new DataError(`${file}: corrupt image (size ${image.width}×${image.height} does not match its pixel data)`);
  }
  return image;
}
